/**
 * A Lookout core's alerting in a process of its own, so a test can SIGKILL it in the middle of a
 * send: argv = database path, key file. It routes one down alert and then just keeps running.
 */
import { createAlerting } from '../../electron/core/alerts/alerting';
import { systemClock } from '../../electron/core/clock';
import { createEventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { openStore } from '../../electron/core/store';

const [dbPath, keyPath] = process.argv.slice(2) as [string, string];
const store = openStore({ path: dbPath });
const alerting = createAlerting({
  tables: store.tables,
  readOnly: false,
  clock: systemClock,
  bus: createEventBus(),
  secrets: createKeyFileBox(keyPath),
  monitor: () => ({ name: 'API', group: 'Task submissions' }),
  incident: () => undefined,
  online: () => true,
});
alerting.route({
  kind: 'down',
  monitorId: 1,
  monitorName: 'API',
  group: 'Task submissions',
  incidentId: 99,
  state: 'down',
  title: 'API is down',
  body: 'Confirmed down.',
  firstError: 'HTTP 500',
  at: Date.now(),
});
process.stdout.write('queued\n');
setInterval(() => undefined, 1000);
