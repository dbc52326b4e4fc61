/** The demo / test platform (electron/core/demo) in its own process, for the `probe-throughput` bench. */
import { startPlatform } from '../../electron/core/demo/platform';
import { untilParentLeaves } from './child-process';

const platform = await startPlatform();
process.stdout.write(
  JSON.stringify({ web: platform.urls.web, health: platform.urls.health, token: platform.urls.token }) + '\n',
);
untilParentLeaves(() => platform.close());
