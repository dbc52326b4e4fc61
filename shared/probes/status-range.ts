import { z } from 'zod';

const STATUS_HINT = 'Use a status code such as 200 or a range such as 200-299 (100-599)';
const inStatusRange = (n: number): boolean => Number.isInteger(n) && n >= 100 && n <= 599;

/**
 * One accepted status: `304`, `"304"`, `"200-299"` or (as stored by older versions) `[200, 299]`.
 * Always stored as an inclusive `[from, to]` range.
 */
export const StatusRange = z
  .union([z.number(), z.string(), z.tuple([z.number(), z.number()])])
  .transform((v, ctx): [number, number] => {
    let range: [number, number] | null = null;
    if (typeof v === 'number') range = [v, v];
    else if (Array.isArray(v)) range = [v[0], v[1]];
    else {
      const m = /^\s*(\d{3})\s*(?:-\s*(\d{3})\s*)?$/.exec(v);
      if (m) range = [Number(m[1]), Number(m[2] ?? m[1])];
    }
    if (!range || !inStatusRange(range[0]) || !inStatusRange(range[1])) {
      ctx.addIssue({ code: 'custom', message: STATUS_HINT });
      return z.NEVER;
    }
    if (range[0] > range[1]) {
      ctx.addIssue({ code: 'custom', message: `Range start ${range[0]} is above its end ${range[1]}` });
      return z.NEVER;
    }
    return range;
  });
