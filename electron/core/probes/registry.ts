import type { ProbeKind, ProbeSpec } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { ProbeContext, ProbeFn } from './context';
import { probeHls } from './hls';
import { probeHttp } from './http';
import { probeTcp } from './tcp';
import { probeDns } from './dns';
import { probeTls } from './tls';
import { probePage } from './page';
import { probeSubmit } from './submit';
import type { HttpConfig } from '../../../shared/probes/http';

type ConfigOf<K extends ProbeKind> = Extract<ProbeSpec, { kind: K }>['config'];

/** One entry per probe kind; the `satisfies` keeps it complete as kinds are added to shared/monitor.ts. */
export const PROBES = {
  http: probeHttp as ProbeFn<HttpConfig>,
  tcp: probeTcp,
  dns: probeDns,
  tls: probeTls,
  page: probePage,
  hls: probeHls,
  submit: probeSubmit,
} satisfies { [K in ProbeKind]: ProbeFn<ConfigOf<K>> };

export function runProbe(spec: ProbeSpec, ctx: ProbeContext): Promise<ProbeOutcome> {
  const fn = PROBES[spec.kind] as ProbeFn<ConfigOf<typeof spec.kind>>;
  return fn(spec.config, ctx);
}
