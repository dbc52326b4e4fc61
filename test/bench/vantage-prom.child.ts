/** A loopback server speaking Prometheus' query_range API (test/support/fake-prometheus.ts), for the `vantage-ingest` bench. */
import { startFakePrometheus } from '../support/fake-prometheus';
import { untilParentLeaves } from './child-process';

const prom = await startFakePrometheus({
  regions: ['eu-west', 'us-east', 'ap-south'],
  // Mostly up; a region down now and then, so rows carry both values.
  success: (id, region, t) => ((id * 31 + region.length * 7 + Math.floor(t / 30)) % 97 === 0 ? 0 : 1),
});
process.stdout.write(JSON.stringify({ url: prom.url }) + '\n');
untilParentLeaves(() => prom.close());
