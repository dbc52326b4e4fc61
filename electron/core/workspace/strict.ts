import { z } from 'zod';

/**
 * The same schema with every nested object strict: the console's own schemas (settings) drop
 * unknown keys on read so an old database keeps opening, but a file a person wrote must say so
 * when `retentionDyas` is ignored. Defaults and optionality are kept.
 */
export function strictDeep<T extends z.ZodType>(schema: T): T {
  return walk(schema) as T;
}

function walk(s: z.ZodType): z.ZodType {
  if (s instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(s.shape as Record<string, z.ZodType>).map(([k, v]) => [k, walk(v)]),
    );
    return z.strictObject(shape);
  }
  if (s instanceof z.ZodDefault) return walk(s.def.innerType as z.ZodType).default(s.def.defaultValue as never);
  if (s instanceof z.ZodPrefault) return walk(s.def.innerType as z.ZodType).prefault(s.def.defaultValue as never);
  if (s instanceof z.ZodOptional) return walk(s.def.innerType as z.ZodType).optional();
  if (s instanceof z.ZodNullable) return walk(s.def.innerType as z.ZodType).nullable();
  return s;
}
