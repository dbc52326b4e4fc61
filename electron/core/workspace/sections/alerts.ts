import { z } from 'zod';
import {
  AlertRules,
  CHANNEL_SECRETS,
  ChannelDraft,
  RateRule,
  Route,
  RuleScope,
  type ChannelKind,
} from '../../../../shared/channels';
import { ApiError, issuesFromZod } from '../../../../shared/errors';
import { sealChannel } from '../../alerts/channels/secrets';
import { checkSecretText } from '../secret-refs';
import { Slug, slugsOf } from '../slugs';
import { duplicateIds } from './monitors';
import type { Item, ReadCtx, SectionDef, SectionIssue } from './types';

/**
 * Alert channels (issue 17's shared/channels.ts) and the one alert-rules document. A channel's
 * secret fields (SMTP password, webhook URLs, tokens: CHANNEL_SECRETS) are references in the
 * file; the resolved channel is checked by the console's own schema when it is applied. Rules
 * name channels and monitors by the file's ids.
 */
const SecretText = z.string().max(4000);
const options = (ChannelDraft.options as unknown as z.ZodObject[]).map((o) => {
  const kind = (o.shape.kind as z.ZodLiteral<ChannelKind>).value;
  const config = o.shape.config as z.ZodObject;
  const secrets = Object.fromEntries(
    CHANNEL_SECRETS[kind].map((n) => [
      n,
      config.shape[n] instanceof z.ZodDefault ? SecretText.default('') : SecretText,
    ]),
  );
  return z.strictObject({ id: Slug, ...o.shape, config: config.extend(secrets) });
});
const ChannelFile = z.discriminatedUnion('kind', options as unknown as [z.ZodObject, ...z.ZodObject[]]);
type ChannelFile = ChannelDraft & { id: string };

const FileScope = z.strictObject({ groups: RuleScope.shape.groups, monitors: z.array(Slug).max(10_000).default([]) });
const channelList = z.array(Slug).min(1, 'Choose at least one channel').max(20);
const escalationStep = (Route.shape.escalation.unwrap().element as z.ZodObject).shape;
const FileRoute = z.strictObject({
  name: Route.shape.name,
  scope: FileScope.prefault({}),
  kinds: Route.shape.kinds,
  channels: channelList,
  escalation: z
    .array(z.strictObject({ afterMinutes: escalationStep.afterMinutes as z.ZodNumber, channels: channelList }))
    .max(5)
    .default([]),
});
const FileRate = z.discriminatedUnion(
  'kind',
  (RateRule.options as unknown as z.ZodObject[]).map((o) => o.extend({ scope: FileScope.prefault({}) })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
);
const RulesFile = z.strictObject({
  routes: z.array(FileRoute).max(200).default([]),
  rates: z.array(FileRate).max(200).default([]),
  storm: AlertRules.shape.storm,
  delivery: AlertRules.shape.delivery,
});
type RulesFile = Omit<z.output<typeof RulesFile>, 'rates'> & {
  rates: (Record<string, unknown> & { scope: { groups: string[]; monitors: string[] } })[];
};

export const channelsSection: SectionDef<ChannelFile[]> = {
  key: 'channels',
  label: 'channel',
  schema: z.array(ChannelFile).max(500) as unknown as z.ZodType<ChannelFile[]>,
  slugs: 'channels',
  unlisted: true,
  check(list, env) {
    const issues: SectionIssue[] = duplicateIds(list);
    list.forEach((c, i) => {
      for (const name of CHANNEL_SECRETS[c.kind]) {
        const v = (c.config as Record<string, unknown>)[name];
        if (typeof v === 'string' && v !== '')
          issues.push(...checkSecretText(v, env, [i, 'config', name], `The channel's ${name}`));
      }
    });
    return issues;
  },
  items: (list) => list.map((c) => ({ key: c.id, name: c.name, value: c, refs: secretRefs(c) })),
  read({ t, slugs }) {
    const rows = t.channels.list();
    const recorded = t.ids.slugs('channels');
    const slugOf = slugsOf(rows, recorded, (c) => c.name, 'channel');
    slugs.set('channels', slugOf);
    const refsOf = new Map(recorded.map((r) => [r.dbId, r.refs]));
    return rows.map((c) => {
      const slug = slugOf.get(c.id)!;
      const refs = refsOf.get(c.id) ?? {};
      const config = { ...(c.config as Record<string, unknown>) };
      for (const name of CHANNEL_SECRETS[c.kind])
        if (config[name] !== '' && config[name] !== undefined)
          config[name] = refs[`config.${name}`] ?? `\${secret:${slug}.${name.toLowerCase()}}`;
      const value = {
        id: slug,
        name: c.name,
        enabled: c.enabled,
        zone: c.zone,
        quietHours: c.quietHours,
        kind: c.kind,
        config,
      };
      return { key: slug, name: c.name, value, dbId: c.id, refs: secretRefs(value as ChannelFile) };
    });
  },
  toFile: (items) => items.map((i) => i.value),
  write(ops, { t, resolve }) {
    const created = new Map<string, number>();
    const draftOf = (item: Item): ChannelDraft => {
      const { id: _slug, ...c } = item.value as ChannelFile;
      const config = { ...(c.config as Record<string, unknown>) };
      for (const name of CHANNEL_SECRETS[c.kind])
        if (typeof config[name] === 'string' && config[name] !== '') config[name] = resolve(config[name]);
      const r = ChannelDraft.safeParse({ ...c, config });
      if (!r.success) {
        const i = issuesFromZod(r.error)[0]!;
        throw new ApiError(
          'invalid_input',
          `channel ${item.key}: ${i.path}: ${i.message} (after resolving its references)`,
        );
      }
      return sealChannel(r.data, t.box);
    };
    for (const item of ops.create) created.set(item.key, t.channels.create(draftOf(item)).id);
    for (const { item, dbId } of ops.change) t.channels.update(dbId, draftOf(item));
    for (const item of ops.remove) t.channels.delete(item.dbId!);
    return created;
  },
};

function secretRefs(c: ChannelFile): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of CHANNEL_SECRETS[c.kind]) {
    const v = (c.config as Record<string, unknown>)[name];
    if (typeof v === 'string' && v !== '') out[`config.${name}`] = v;
  }
  return out;
}

/** The rules with ids turned into the file's slugs (unknown ids dropped: the row is gone). */
function rulesToFile(rules: AlertRules, ctx: ReadCtx): RulesFile {
  const ch = ctx.slugs.get('channels') ?? new Map<number, string>();
  const mo = ctx.slugs.get('monitors') ?? new Map<number, string>();
  const names = (ids: number[], m: Map<number, string>) =>
    ids.map((id) => m.get(id)).filter((s): s is string => s !== undefined);
  const scope = (s: { groups: string[]; monitorIds: number[] }) => ({
    groups: s.groups,
    monitors: names(s.monitorIds, mo),
  });
  return {
    routes: rules.routes.map((r) => ({
      name: r.name,
      scope: scope(r.scope),
      kinds: r.kinds,
      channels: names(r.channelIds, ch),
      escalation: r.escalation.map((e) => ({ afterMinutes: e.afterMinutes, channels: names(e.channelIds, ch) })),
    })),
    rates: rules.rates.map(({ scope: s, ...rest }) => ({ ...rest, scope: scope(s) })),
    storm: rules.storm,
    delivery: rules.delivery,
  };
}

export const alertsSection: SectionDef<RulesFile> = {
  key: 'alerts',
  label: 'alert rules',
  schema: RulesFile as unknown as z.ZodType<RulesFile>,
  unlisted: false,
  check(rules, env) {
    const issues: SectionIssue[] = [];
    const channels = env.fileIds('channels');
    const monitors = env.fileIds('monitors');
    const known = (list: string[], ids: ReadonlySet<string>, at: (string | number)[], what: string) =>
      list.forEach((s, k) => {
        if (!ids.has(s)) issues.push({ path: [...at, k], message: `No ${what} with id ${s} in this file` });
      });
    rules.routes.forEach((r, i) => {
      known(r.channels, channels, ['routes', i, 'channels'], 'channel');
      known(r.scope.monitors, monitors, ['routes', i, 'scope', 'monitors'], 'monitor');
      r.escalation.forEach((e, k) =>
        known(e.channels, channels, ['routes', i, 'escalation', k, 'channels'], 'channel'),
      );
    });
    rules.rates.forEach((r, i) => known(r.scope.monitors, monitors, ['rates', i, 'scope', 'monitors'], 'monitor'));
    return issues;
  },
  items: (rules) => [{ key: 'alerts', name: 'alert rules', value: rules }],
  read: (ctx) => [{ key: 'alerts', name: 'alert rules', value: rulesToFile(ctx.t.channels.rules(), ctx) }],
  toFile: (items) => items[0]?.value,
  write(ops, { t, idOf }) {
    const item = ops.create[0] ?? ops.change[0]?.item;
    if (!item) return new Map();
    const f = item.value as RulesFile;
    const ids = (list: string[], section: 'channels' | 'monitors') => list.map((s) => idOf(section, s)!);
    const scope = (s: { groups: string[]; monitors: string[] }) => ({
      groups: s.groups,
      monitorIds: ids(s.monitors, 'monitors'),
    });
    t.channels.saveRules(
      AlertRules.parse({
        routes: f.routes.map((r) => ({
          name: r.name,
          scope: scope(r.scope),
          kinds: r.kinds,
          channelIds: ids(r.channels, 'channels'),
          escalation: r.escalation.map((e) => ({
            afterMinutes: e.afterMinutes,
            channelIds: ids(e.channels, 'channels'),
          })),
        })),
        rates: f.rates.map(({ scope: s, ...rest }) => ({ ...rest, scope: scope(s) })),
        storm: f.storm,
        delivery: f.delivery,
      }),
    );
    return new Map();
  },
};
