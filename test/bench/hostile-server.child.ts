/** The hostile targets (test/support/hostile.ts) in their own process, for the `hostile` bench. */
import { startHostile } from '../support/hostile';
import { untilParentLeaves } from './child-process';

const hostile = await startHostile();
process.stdout.write(JSON.stringify({ base: hostile.base, otherBase: hostile.otherBase }) + '\n');
untilParentLeaves(() => hostile.close());
