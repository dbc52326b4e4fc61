import type { Service } from '../../../shared/api';
import { type AlertChannel, type ChannelDraft, type ChannelTestResult } from '../../../shared/channels';
import { ApiError, type InputIssue } from '../../../shared/errors';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { SecretBox } from '../secrets/box';
import type { Alerting } from './alerting';
import { sendTo } from './channels';
import { DeliveryError } from './channels/delivery-error';
import { webhookPayload } from './channels/format';
import { maskChannel, openChannel, sealChannel, unresolvedMasks } from './channels/secrets';
import { templateIssue } from './channels/template';
import { templateScope } from './channels/webhook';
import type { AlertMessage } from './message';

type Handlers = Pick<
  Service,
  | 'channels.list'
  | 'channels.create'
  | 'channels.update'
  | 'channels.delete'
  | 'channels.test'
  | 'alerts.rules'
  | 'alerts.setRules'
  | 'alerts.log'
  | 'alerts.retry'
  | 'alerts.problems'
>;

export interface AlertHandlerDeps {
  alerting: Alerting;
  secrets: SecretBox;
  bus: EventBus;
  clock: Clock;
}

function sampleMessage(at: number): AlertMessage {
  return {
    kind: 'test',
    monitorId: null,
    monitorName: 'Lookout test',
    group: null,
    incidentId: null,
    state: null,
    title: 'Test message from Lookout',
    body: 'If you can read this, alerts reach this channel.',
    firstError: null,
    at,
  };
}

/** Liquid bodies are checked when the channel is saved, against the payload they will get. */
function templateIssues(c: ChannelDraft, at: number): InputIssue[] {
  const sample = { ...sampleMessage(at), monitorId: 1, incidentId: 1, firstError: 'sample error', group: 'Web' };
  if (c.kind === 'webhook' && c.config.template) {
    const issue = templateIssue(
      'config.template',
      c.config.template,
      templateScope(webhookPayload(sample, c.zone, 'sample')),
    );
    return issue ? [issue] : [];
  }
  if (c.kind === 'sms' && c.config.mode === 'template') {
    if (!c.config.template)
      return [
        {
          path: 'config.template',
          message: 'A generic gateway needs a body template (e.g. {"to": {{ to | json }}, "text": {{ text | json }}})',
        },
      ];
    const issue = templateIssue('config.template', c.config.template, {
      to: '+15550000',
      from: c.config.from,
      text: 'sample',
    });
    return issue ? [issue] : [];
  }
  return [];
}

/** The channels / alert-log part of the Api. Secrets leave here masked; a mask sent back keeps the stored value. */
export function createAlertHandlers({ alerting, secrets, bus, clock }: AlertHandlerDeps): Handlers {
  const existing = (id: number): AlertChannel => {
    const c = alerting.channels.get(id);
    if (!c) throw new ApiError('not_found', `Alert channel ${id} does not exist`);
    return c;
  };
  const checked = (draft: ChannelDraft, previous?: ChannelDraft): ChannelDraft => {
    const sealed = sealChannel(draft, secrets, previous);
    const issues = [
      ...templateIssues(draft, clock.now()),
      ...unresolvedMasks(sealed).map((n) => ({
        path: `config.${n}`,
        message: `Enter the ${n}: there is no stored value to keep`,
      })),
    ];
    if (issues.length > 0)
      throw new ApiError(
        'invalid_input',
        `The ${draft.kind} channel "${draft.name}" is not valid: ${issues[0]?.message}`,
        issues,
      );
    return sealed;
  };
  const changed = (reason: 'created' | 'updated' | 'deleted' | 'rules', id?: number) =>
    bus.emit('channels', id === undefined ? { reason } : { reason, id });

  return {
    'channels.list': () => alerting.channels.list().map(maskChannel),
    'channels.create': (draft) => {
      const c = alerting.channels.create(checked(draft));
      changed('created', c.id);
      return maskChannel(c);
    },
    'channels.update': ({ id, channel }) => {
      const before = existing(id);
      const c = alerting.channels.update(id, checked(channel, before));
      if (!c) throw new ApiError('not_found', `Alert channel ${id} does not exist`);
      changed('updated', id);
      return maskChannel(c);
    },
    'channels.delete': ({ id }) => {
      existing(id);
      alerting.channels.delete(id);
      changed('deleted', id);
      return { id };
    },
    'channels.test': async ({ id, channel }): Promise<ChannelTestResult> => {
      const stored = id === undefined ? undefined : existing(id);
      const draft = channel ? checked(channel, stored) : (stored as ChannelDraft);
      const t0 = performance.now();
      try {
        const opened = openChannel(draft, secrets);
        const at = clock.now();
        const done = await sendTo(opened, sampleMessage(at), {
          timeoutMs: alerting.rules().delivery.timeoutMs,
          deliveryId: `test-${at}`,
          now: at,
        });
        return { ok: true, answer: done.answer, code: null, ms: Math.round(performance.now() - t0) };
      } catch (err) {
        const e =
          err instanceof DeliveryError
            ? err
            : new DeliveryError(
                (err as { code?: string }).code ?? 'send_failed',
                err instanceof Error ? err.message : String(err),
              );
        return { ok: false, answer: e.message, code: e.code, ms: Math.round(performance.now() - t0) };
      }
    },
    'alerts.rules': () => alerting.rules(),
    'alerts.setRules': (rules) => {
      const ids = new Set(alerting.channels.list().map((c) => c.id));
      const issues: InputIssue[] = [];
      rules.routes.forEach((r, i) => {
        r.channelIds.forEach(
          (c, j) =>
            ids.has(c) || issues.push({ path: `routes.${i}.channelIds.${j}`, message: `Channel ${c} does not exist` }),
        );
        r.escalation.forEach((t, k) =>
          t.channelIds.forEach(
            (c, j) =>
              ids.has(c) ||
              issues.push({
                path: `routes.${i}.escalation.${k}.channelIds.${j}`,
                message: `Channel ${c} does not exist`,
              }),
          ),
        );
      });
      if (issues.length > 0)
        throw new ApiError(
          'invalid_input',
          `The alert rules name channels that do not exist: ${issues[0]?.path}`,
          issues,
        );
      const saved = alerting.channels.saveRules(rules);
      changed('rules');
      return saved;
    },
    'alerts.log': (q) => alerting.outboxStore.log(q),
    'alerts.retry': ({ id }) => {
      const e = alerting.outboxStore.get(id);
      if (!e) throw new ApiError('not_found', `Alert message ${id} does not exist`);
      if (e.status !== 'failed')
        throw new ApiError('conflict', `Alert message ${id} is ${e.status}; only a failed message can be retried`);
      alerting.outboxStore.retry(id, clock.now());
      alerting.outbox.kick();
      return alerting.outboxStore.get(id) ?? e;
    },
    'alerts.problems': () => alerting.outbox.problems(),
  };
}
