import type { Kind, KindConfig } from '../../../shared/kinds';
import type { ProbeSpec } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { ProbeContext, ProbeFn } from './context';
import { probeDns } from './dns/probe';
import { probeHls } from './hls/probe';
import { probeHttp } from './http/probe';
import { probePage } from './page/probe';
import { probeSubmit } from './submit/probe';
import { probeTcp } from './tcp/probe';
import { probeTls } from './tls/probe';

/** What the core needs of a probe kind: the function that probes its target (`<kind>/probe.ts`). */
export interface KindProbe<K extends Kind = Kind> {
  run: ProbeFn<KindConfig<K>>;
}

/** One entry per kind of shared/kinds.ts; a kind without one does not compile. */
export type KindProbes = { [K in Kind]: KindProbe<K> };

export const PROBES = {
  http: { run: probeHttp },
  tcp: { run: probeTcp },
  dns: { run: probeDns },
  tls: { run: probeTls },
  page: { run: probePage },
  hls: { run: probeHls },
  submit: { run: probeSubmit },
} satisfies KindProbes;

export function runProbe(spec: ProbeSpec, ctx: ProbeContext): Promise<ProbeOutcome> {
  // TypeScript cannot pair PROBES[spec.kind] with spec.config across the union; the schema did.
  const probe = PROBES[spec.kind] as KindProbe;
  return probe.run(spec.config, ctx);
}
