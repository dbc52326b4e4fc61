import type { HlsConfig } from '../../../../shared/probes/hls';
import { HlsFailure, type Variant } from './playlist';

/** Picks the variants a probe checks, capped at `maxVariants` (a master may list thousands). */
export function chooseVariants(
  all: Variant[],
  config: Pick<HlsConfig, 'variants' | 'match' | 'maxVariants'>,
): Variant[] {
  const byBandwidth = [...all].sort((a, b) => (a.bandwidth ?? 0) - (b.bandwidth ?? 0));
  let chosen: Variant[];
  switch (config.variants) {
    case 'all':
      chosen = all;
      break;
    case 'highest':
      chosen = byBandwidth.slice(-1);
      break;
    case 'lowest':
      chosen = byBandwidth.slice(0, 1);
      break;
    case 'match': {
      const tokens = config.match.map((t) => t.toLowerCase());
      chosen = all.filter((v) => tokens.some((t) => matches(v, t)));
      if (chosen.length === 0) {
        const names = all.map((v) => v.name ?? v.resolution ?? v.label).join(', ');
        throw new HlsFailure(
          'hls_variant_missing',
          `No variant matches ${config.match.join(', ')} (the master lists ${names.slice(0, 200)})`,
        );
      }
      break;
    }
  }
  return dedupe(chosen).slice(0, config.maxVariants);
}

function matches(v: Variant, token: string): boolean {
  if (v.name?.toLowerCase() === token || v.resolution === token) return true;
  if (v.resolution && token === `${v.resolution.split('x')[1]}p`) return true;
  return v.label.toLowerCase().split('/').includes(token) || v.label.toLowerCase() === token;
}

/** Two entries for one URL (e.g. audio-group duplicates) are one check. */
function dedupe(vs: Variant[]): Variant[] {
  const seen = new Set<string>();
  return vs.filter((v) => !seen.has(v.url.href) && seen.add(v.url.href));
}
