import type { Phases } from '../../../shared/result';
import { formatLatency } from '../../lib/format';

const ORDER = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
// The same names the local result breakdown uses, so a region's phases read like this console's.
const LABEL: Record<(typeof ORDER)[number], string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  ttfb: 'First byte',
  download: 'Download',
};

/** A vantage's newest HTTP timing phases (blackbox's probe_http_duration_seconds), in one short line. */
export function VantagePhases({ phases }: { phases: Phases | undefined }) {
  const parts = ORDER.filter((k) => phases?.[k] !== undefined).map((k) => `${LABEL[k]} ${formatLatency(phases![k])}`);
  if (!parts.length) return null;
  return <span className="vantage-phases muted small">{parts.join(' · ')}</span>;
}
