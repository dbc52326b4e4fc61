import type { MethodName, Service } from '../../shared/api';

/** The Api methods one domain implements (monitors, drafts, maintenance, …). */
export type Handlers<K extends MethodName = MethodName> = Pick<Service, K>;

type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * Combines the domains' handler groups into one object (Actual's createApp().combine() in
 * loot-core/src/server/app.ts is the model). Two groups implementing the same method is a wiring
 * mistake that an object spread would hide by letting the later one win: it is refused at start,
 * naming both groups.
 */
export function combineHandlers<G extends Record<string, Partial<Service>>>(groups: G): Intersect<G[keyof G]> {
  const combined: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [group, handlers] of Object.entries(groups)) {
    for (const [method, handler] of Object.entries(handlers)) {
      const first = owner.get(method);
      if (first !== undefined)
        throw new Error(
          `The Api method ${method} is implemented twice: by the ${first} handlers and by the ${group} handlers`,
        );
      owner.set(method, group);
      combined[method] = handler;
    }
  }
  return combined as Intersect<G[keyof G]>;
}

/**
 * The whole Api: `satisfies Service` alone sees a missing method but not an extra one that came in
 * through a group, so a method the contract does not declare is a type error here.
 */
export function exactService<T extends Service>(service: T & { [K in Exclude<keyof T, MethodName>]: never }): Service {
  return service;
}
