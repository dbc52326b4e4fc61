import { afterEach, describe, expect, test } from 'vitest';
import { openChannel } from '../../electron/core/alerts/channels/secrets';
import { formatIssue } from '../../electron/core/workspace/issues';
import { applyWorkspace } from '../../electron/core/workspace/apply';
import { exportWorkspace } from '../../electron/core/workspace/export';
import { hasChanges, planLines, planWorkspace } from '../../electron/core/workspace/plan';
import { validateWorkspace } from '../../electron/core/workspace/validate';
import { freshDb, parsed } from './workspace-fixture';

const env = { SLACK_HOOK: 'https://hooks.slack.example.com/services/T0/B0/abc', SMTP_PASSWORD: 'pw' };
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((o) => o.close()));

const FILE = `version: 1
monitors:
  - { id: checkout, name: Checkout, group: Task submissions, kind: tcp, config: { host: 127.0.0.1, port: 9 } }
channels:
  - id: oncall-slack
    name: On-call Slack
    kind: slack
    config: { url: "\${env:SLACK_HOOK}" }
  - id: ops-mail
    name: Ops mail
    kind: email
    config:
      host: smtp.example.com
      username: lookout
      password: \${env:SMTP_PASSWORD}
      from: lookout@example.com
      to: [ops@example.com]
alerts:
  routes:
    - name: Checkout down
      scope: { monitors: [checkout] }
      channels: [oncall-slack]
      escalation: [{ afterMinutes: 15, channels: [ops-mail] }]
  rates:
    - { kind: error_rate, name: Errors, percent: 20, windowMinutes: 10, scope: { groups: [Task submissions] } }
`;

const issues = (text: string) => {
  const r = validateWorkspace(text, { env });
  return r.ok ? [] : r.issues.map((i) => formatIssue('', i).slice(1));
};

describe('alert channels and rules in the workspace file', () => {
  test('apply: channels stored with their secrets sealed, rules naming the rows the file named', () => {
    const d = freshDb();
    opened.push(d);
    applyWorkspace(parsed(FILE, env), d.tables, { prune: false, env });
    const channels = d.tables.channels.list();
    expect(channels.map((c) => c.name)).toEqual(['On-call Slack', 'Ops mail']);
    expect(JSON.stringify(channels)).not.toContain('hooks.slack.example.com');
    expect(openChannel(channels[0]!, d.tables.box).config).toEqual({ url: env.SLACK_HOOK });
    const rules = d.tables.channels.rules();
    const checkout = d.tables.monitors.list()[0]!.id;
    expect(rules.routes[0]).toMatchObject({
      name: 'Checkout down',
      scope: { monitorIds: [checkout], groups: [] },
      channelIds: [channels[0]!.id],
      escalation: [{ afterMinutes: 15, channelIds: [channels[1]!.id] }],
    });
    expect(rules.rates[0]).toMatchObject({
      kind: 'error_rate',
      scope: { groups: ['Task submissions'], monitorIds: [] },
    });

    const text = exportWorkspace(d.tables).text;
    expect(text).toContain('url: ${env:SLACK_HOOK}');
    expect(text).not.toContain('hooks.slack');
    expect(hasChanges(planWorkspace(parsed(text, env), d.tables, { prune: true }))).toBe(false);
    const e = freshDb();
    opened.push(e);
    applyWorkspace(parsed(text, env), e.tables, { prune: false, env });
    expect(exportWorkspace(e.tables).text).toBe(text);
  });

  test('plan: the rules are one item, a filled list shows as its entries', () => {
    const d = freshDb();
    opened.push(d);
    const plan = planWorkspace(parsed(FILE, env), d.tables, { prune: false });
    const rules = plan.entries.find((e) => e.section === 'alerts')!;
    expect(rules.action).toBe('change');
    expect(rules.fields!.map((f) => f.path)).toEqual(
      expect.arrayContaining(['routes.0.name', 'routes.0.channels', 'rates.0.percent']),
    );
    expect(rules.fields!.map((f) => f.path)).not.toContain('routes');
    expect(planLines(plan)).toContain('~ alert rules: change');
  });

  test('a literal webhook URL, an unknown channel, a monitor the file does not have: each at its line and column', () => {
    const bad = FILE.replace('url: "${env:SLACK_HOOK}"', 'url: "https://hooks.slack.example.com/x"')
      .replace('channels: [oncall-slack]', 'channels: [oncall-slak]')
      .replace('monitors: [checkout]', 'monitors: [checkot]');
    expect(issues(bad)).toEqual([
      "8:20: channels.0.config.url: The channel's url holds a literal value; write a reference such as ${env:API_TOKEN} or ${secret:api-token} instead",
      '21:27: alerts.routes.0.scope.monitors.0: No monitor with id checkot in this file',
      '22:18: alerts.routes.0.channels.0: No channel with id oncall-slak in this file',
    ]);
  });

  test('a reference that resolves to something the channel cannot take refuses the whole apply', () => {
    const d = freshDb();
    opened.push(d);
    const before = exportWorkspace(d.tables).text;
    expect(() =>
      applyWorkspace(parsed(FILE, { ...env, SLACK_HOOK: 'not a url' }), d.tables, {
        prune: false,
        env: { ...env, SLACK_HOOK: 'not a url' },
      }),
    ).toThrow(/^channel oncall-slack: config\.url: Not a URL: "not a url".*\(after resolving its references\)$/);
    expect(exportWorkspace(d.tables).text).toBe(before);
  });
});
