import type { ProbeDetails } from '../../../shared/result';

/**
 * Nearly every HTTP result's details are a status and a byte count; as `{"httpStatus":200,"bytes":55}`
 * they were half the row. Stored instead as `55` (a 200 with its byte count: the usual case),
 * `[301]` or `[404,12]`: still JSON, so any reader parses it; anything else stays an object.
 */
export function encodeDetails(d: ProbeDetails): string {
  let plain = typeof d.httpStatus === 'number' && (d.bytes === undefined || typeof d.bytes === 'number');
  for (const k in d) if (k !== 'httpStatus' && k !== 'bytes') plain = false;
  if (!plain) return JSON.stringify(d);
  if (d.bytes === undefined) return JSON.stringify([d.httpStatus]);
  return d.httpStatus === 200 ? String(d.bytes) : JSON.stringify([d.httpStatus, d.bytes]);
}

export function decodeDetails(text: string): ProbeDetails {
  const v = JSON.parse(text) as ProbeDetails | number | [number, number?];
  if (typeof v === 'number') return { httpStatus: 200, bytes: v };
  if (!Array.isArray(v)) return v;
  return v[1] === undefined ? { httpStatus: v[0] } : { httpStatus: v[0], bytes: v[1] };
}
