import type { FilterDoc, SourceKind, VariableDoc, VariablesReference } from '../../../shared/drafts';

/**
 * What a template can use, documented once: the editor shows this list (drafts.variables) and the
 * save check refuses any variable path not in it, even inside a branch the sample render skips.
 */

const W: SourceKind[] = ['window'];
const I: SourceKind[] = ['incident'];
const BOTH: SourceKind[] = ['window', 'incident'];

export const VARIABLES: VariableDoc[] = [
  {
    path: 'window.title',
    type: 'text',
    description: 'Title of the maintenance window',
    example: 'Database upgrade',
    kinds: W,
  },
  {
    path: 'window.description',
    type: 'text',
    description: 'Description of the work',
    example: 'Primary database moves to new hardware.',
    kinds: W,
  },
  {
    path: 'window.start',
    type: 'time',
    description: 'Start (use with `date` or `zones`)',
    example: '{{ window.start | date: "HH:mm" }}',
    kinds: W,
  },
  {
    path: 'window.end',
    type: 'time',
    description: 'End (use with `date` or `zones`)',
    example: '{{ window.end | zones }}',
    kinds: W,
  },
  {
    path: 'window.durationMin',
    type: 'number',
    description: 'Length in minutes',
    example: '{{ window.durationMin | duration: "min" }}',
    kinds: W,
  },
  {
    path: 'window.zone',
    type: 'text',
    description: 'IANA time zone the window was planned in',
    example: 'Africa/Johannesburg',
    kinds: W,
  },
  {
    path: 'window.recurrenceText',
    type: 'text',
    description: 'Recurrence in words; empty for a one-off window',
    example: 'every Saturday at 02:00',
    kinds: W,
  },
  {
    path: 'window.services',
    type: 'list',
    description: 'Affected services',
    example: '{{ window.services | list }}',
    kinds: W,
  },
  {
    path: 'window.monitors',
    type: 'list',
    description: 'Affected monitors',
    example: '{{ window.monitors | list }}',
    kinds: W,
  },
  {
    path: 'incident.monitor',
    type: 'text',
    description: 'Monitor that is down',
    example: 'Live stream ingest',
    kinds: I,
  },
  {
    path: 'incident.services',
    type: 'list',
    description: 'Affected services',
    example: '{{ incident.services | list }}',
    kinds: I,
  },
  {
    path: 'incident.start',
    type: 'time',
    description: 'When the incident began',
    example: '{{ incident.start | zones }}',
    kinds: I,
  },
  {
    path: 'incident.durationMs',
    type: 'duration',
    description: 'Duration so far (in total once resolved), ms',
    example: '{{ incident.durationMs | duration }}',
    kinds: I,
  },
  {
    path: 'incident.firstError',
    type: 'text',
    description: 'First error seen',
    example: 'Connection refused',
    kinds: I,
  },
  { path: 'incident.lastError', type: 'text', description: 'Latest error seen', example: 'HTTP 503', kinds: I },
  {
    path: 'incident.uptime',
    type: 'number',
    description: 'Current uptime %, or empty when unknown',
    example: '99.2',
    kinds: I,
  },
  { path: 'incident.state', type: 'text', description: 'Monitor state: down, degraded, up', example: 'down', kinds: I },
  {
    path: 'services',
    type: 'list',
    description: 'Affected services of the window or incident',
    example: '{{ services | list }}',
    kinds: BOTH,
  },
  {
    path: 'zone',
    type: 'text',
    description: "Default zone of `date`: the window's zone, for incidents the first audience zone (else UTC)",
    example: 'Europe/London',
    kinds: BOTH,
  },
  {
    path: 'audienceZones',
    type: 'list',
    description: 'Audience zones (settings, or chosen for this draft)',
    example: '{{ audienceZones | join: ", " }}',
    kinds: BOTH,
  },
  {
    path: 'contact.team',
    type: 'text',
    description: 'Team name (settings)',
    example: 'Platform operations',
    kinds: BOTH,
  },
  {
    path: 'contact.email',
    type: 'text',
    description: 'Contact e-mail (settings)',
    example: 'ops@example.com',
    kinds: BOTH,
  },
  {
    path: 'contact.phone',
    type: 'text',
    description: 'Contact phone (settings)',
    example: '+27 21 555 0100',
    kinds: BOTH,
  },
  {
    path: 'contact.statusPage',
    type: 'text',
    description: 'Status page URL (settings)',
    example: 'https://status.example.com',
    kinds: BOTH,
  },
  {
    path: 'now',
    type: 'time',
    description: 'When the draft is rendered',
    example: '{{ now | date: "HH:mm" }}',
    kinds: BOTH,
  },
];

export const FILTERS: FilterDoc[] = [
  {
    name: 'date',
    usage: 'date: format?, zone?',
    description:
      'A time in a zone with luxon tokens (plus dddd = weekday, ZZZZ = zone name such as SAST). Defaults: "dddd d MMMM yyyy, HH:mm" in `zone`. Replaces Liquid\'s own date.',
    example: '{{ window.start | date: "dddd d MMMM, HH:mm", "Africa/Johannesburg" }}',
  },
  {
    name: 'zones',
    usage: 'zones: format?',
    description: "The time in the window's zone and each audience zone; entries on another day name it.",
    example: '{{ window.start | zones }} → 02:00 SAST / 01:00 BST / 20:00 EDT (Saturday)',
  },
  {
    name: 'duration',
    usage: 'duration: unit?',
    description: 'A duration in words; unit "ms" (default), "s" or "min".',
    example: '{{ window.durationMin | duration: "min" }} → 2 hours 30 minutes',
  },
  {
    name: 'list',
    usage: 'list: conjunction?',
    description: 'A list in prose with an Oxford comma.',
    example: '{{ services | list }} → Live streaming, Submissions, and Web',
  },
];

/** Liquid's array helpers reachable as properties. */
const ARRAY_PROPS = new Set(['size', 'first', 'last']);

export function variablesReference(): VariablesReference {
  return { variables: VARIABLES, filters: FILTERS };
}

/** Why a variable path is not available to templates of this kind, or undefined when it is. */
export function unknownVariable(segments: readonly (string | number)[], kind: SourceKind): string | undefined {
  const docs = VARIABLES.filter((v) => v.kinds.includes(kind));
  for (let n = segments.length; n >= 1; n--) {
    const path = segments.slice(0, n).join('.');
    const doc = docs.find((d) => d.path === path);
    if (!doc) continue;
    const rest = segments.slice(n);
    if (rest.length === 0) return undefined;
    if (doc.type === 'list' && rest.length === 1 && (typeof rest[0] === 'number' || ARRAY_PROPS.has(String(rest[0]))))
      return undefined;
    return segments.slice(0, n + 1).join('.');
  }
  // A path valid for the other kind reads better than "unknown".
  return segments.slice(0, Math.min(2, segments.length)).join('.');
}
