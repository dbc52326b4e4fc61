import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runLookout } from '../../electron/cli/workspace-commands';
import { formatIssue } from '../../electron/core/workspace/issues';
import { validateWorkspace, type ValidateEnv } from '../../electron/core/workspace/validate';
import { workspaceJsonSchema } from '../../electron/core/workspace/schema';

const env: ValidateEnv = { env: { API_TOKEN: 't0ken' }, secretExists: (n) => n === 'oncall-token' };

/** Every issue as `LINE:COL: path: message`, what the CLI prints after the file name. */
function issues(text: string | Uint8Array, e: ValidateEnv = env): string[] {
  const r = validateWorkspace(text, e);
  return r.ok ? [] : r.issues.map((i) => formatIssue('', i).slice(1));
}

const monitor = (extra = '') => `version: 1
monitors:
  - id: api
    name: API
    kind: http
    config:
      url: http://127.0.0.1:8080/health
${extra}`;

describe('workspace file: every error at its line and column', () => {
  test('a valid file passes', () => {
    expect(
      issues(
        monitor(
          '      headers: { Authorization: "Bearer ${env:API_TOKEN}", X-Key: "${secret:oncall-token}" }\n      secretHeaders: [X-Key]\n',
        ),
      ),
    ).toEqual([]);
  });

  test('merge keys share fields between monitors', () => {
    const text =
      'version: 1\nx-defaults: &d { group: Web, intervalSec: 30 }\nmonitors:\n  - { <<: *d, id: a, name: A, kind: tcp, config: { host: h, port: 1 } }\n';
    // A top-level `x-…` key holds the anchor and is not a section; any other unknown key is an error.
    const r = validateWorkspace(text, env);
    expect(r.ok && (r.workspace.monitors as { intervalSec: number; group: string }[])[0]).toMatchObject({
      intervalSec: 30,
      group: 'Web',
    });
    expect(r.ok && Object.keys(r.workspace)).toEqual(['version', 'monitors']);
    expect(issues(text.replace('x-defaults', 'defaults'))).toEqual(['2:1: defaults: Unknown field `defaults`']);
  });

  test('tabs for indentation', () => {
    expect(issues('version: 1\nsettings:\n\tretentionDays: 3\n')).toEqual([
      '3:1: (file): A tab is used for indentation; YAML indents with spaces',
    ]);
  });

  test('duplicate keys', () => {
    expect(issues('version: 1\nsettings:\n  retentionDays: 3\n  retentionDays: 4\n')).toEqual([
      '4:3: (file): This key appears twice in the same mapping; keep one',
    ]);
  });

  test('unknown fields, with did you mean, at the key', () => {
    expect(issues(monitor('      timeotMs: 500\n'))).toEqual([
      '8:7: monitors.0.config.timeotMs: Unknown field `timeotMs` (did you mean `timeoutMs`?)',
    ]);
    expect(issues('version: 1\nsettings:\n  backup:\n    kep: 3\n')).toEqual([
      '4:5: settings.backup.kep: Unknown field `kep` (did you mean `keep`?)',
    ]);
    expect(issues('version: 1\nmonitor: []\n')).toEqual([
      '2:1: monitor: Unknown field `monitor` (did you mean `monitors`?)',
    ]);
  });

  test('wrong types and unknown kinds', () => {
    expect(issues(monitor().replace('    kind: http\n', '    kind: http\n    intervalSec: often\n'))).toEqual([
      '6:18: monitors.0.intervalSec: Invalid input: expected number, received string',
    ]);
    expect(issues(monitor().replace('kind: http', 'kind: htp'))).toEqual([
      '5:11: monitors.0.kind: Unknown kind "htp"; one of http, tcp, dns, tls, page, hls, submit (did you mean `http`?)',
    ]);
    expect(issues('version: 2\n')).toEqual(['1:10: version: Write `version: 1` at the top of the file']);
  });

  const window = (fields: string) => `version: 1
monitors:
  - { id: api, name: API, kind: tcp, config: { host: 127.0.0.1, port: 5432 } }
windows:
  - id: db-upgrade
    title: Database upgrade
    start: 2026-03-08T02:30
    durationMin: 60
    monitors: [api]
${fields}`;

  test('unknown zone names', () => {
    expect(issues(window('    zone: Europe/Londn\n'))).toEqual([
      '10:11: windows.0.zone: Unknown time zone: use an IANA name such as Europe/London',
    ]);
  });

  test('invalid RRULEs, and a start that is not an occurrence', () => {
    expect(
      issues(
        window('    zone: Europe/London\n    recurrence: { pattern: { freq: custom, rrule: "FREQ=SOMETIMES" } }\n'),
      ),
    ).toEqual(['11:51: windows.0.recurrence.pattern.rrule: Malformed RRULE: FREQ is missing']);
    // 2026-03-08 is a Sunday: a Monday rule does not start there.
    expect(
      issues(window('    zone: Europe/London\n    recurrence: { pattern: { freq: weekly, days: [MO] } }\n')),
    ).toEqual([
      expect.stringMatching(/^7:12: windows\.0\.start: The start 2026-03-08 02:30 is not itself an occurrence/),
    ]);
  });

  test('a window naming a monitor the file does not have', () => {
    expect(issues(window('    zone: Europe/London\n').replace('monitors: [api]', 'monitors: [api, web]'))).toEqual([
      '9:21: windows.0.monitors.1: No monitor with id web in this file',
    ]);
  });

  test('templates with unknown variables, at the line and column inside the template', () => {
    const text =
      'version: 1\ntemplates:\n  announce:\n    subject: "Maintenance {{ window.titel }}"\n    body: |\n      Hello,\n      from {{ contact.tam }}\n';
    expect(issues(text)).toEqual([
      '4:30: templates.announce.subject: Unknown variable "window.titel" (subject, line 1, column 16)',
      '7:15: templates.announce.body: Unknown variable "contact.tam" (body, line 2, column 9)',
    ]);
    expect(text.split('\n')[3]!.slice(29, 41)).toBe('window.titel');
    expect(text.split('\n')[6]!.slice(14, 25)).toBe('contact.tam');
  });

  test('secrets: a missing secret, an unset variable, a literal value', () => {
    expect(issues(monitor('      headers: { Authorization: "Bearer ${secret:nope}" }\n'))).toEqual([
      '8:33: monitors.0.config.headers.Authorization: ${secret:nope}: no secret named nope in the console (add it with `lookout secret set nope`)',
    ]);
    expect(issues(monitor('      headers:\n        Authorization: ${env:MISSING}\n'))).toEqual([
      '9:24: monitors.0.config.headers.Authorization: ${env:MISSING}: the environment variable MISSING is not set',
    ]);
    expect(issues(monitor('      headers: { Authorization: "Bearer abc123" }\n'))).toEqual([
      '8:33: monitors.0.config.headers.Authorization: A secret header holds a literal value; write a reference such as ${env:API_TOKEN} or ${secret:api-token} instead',
    ]);
  });

  test('an alias bomb is refused before it expands', () => {
    const lines = ['version: 1', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    expect(issues(lines.join('\n'))).toEqual([
      expect.stringMatching(/^3:8: \(file\): Aliases expand beyond 10000 nodes/),
    ]);
  });

  test('a 50 MB file, a binary file, an empty file', () => {
    expect(issues('#'.repeat(50 * 1024 * 1024))).toEqual([
      '1:1: (file): The file is 50.0 MB; a workspace file is at most 10 MB',
    ]);
    expect(issues(new Uint8Array([0x76, 0x65, 0x72, 0x0a, 0x89, 0x50, 0x4e, 0x47]))).toEqual([
      '2:1: (file): This is not UTF-8 text (a binary file?); a workspace file is YAML',
    ]);
    expect(issues('version: 1\nx\0y\n')).toEqual([
      '2:2: (file): The file contains a NUL byte (a binary file?); a workspace file is YAML text',
    ]);
    expect(issues('')).toEqual(['1:1: (file): The file is empty; a workspace starts with `version: 1`']);
    expect(issues('  \n# only a comment\n')).toEqual([
      '1:1: (file): The file is empty; a workspace starts with `version: 1`',
    ]);
  });

  test('all errors of a file, not the first', () => {
    const text = `${monitor('      timeotMs: 5\n')}  - id: api\n    name: ""\n    kind: tcp\n    config: { host: db, port: 99999 }\n`;
    expect(issues(text)).toEqual([
      '8:7: monitors.0.config.timeotMs: Unknown field `timeotMs` (did you mean `timeoutMs`?)',
      expect.stringMatching(/^10:11: monitors\.1\.name: /),
      expect.stringMatching(/^12:31: monitors\.1\.config\.port: /),
    ]);
  });
});

describe('lookout validate and schema', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lookout-ws-'));
  async function run(args: string[]) {
    let out = '';
    let err = '';
    const code = await runLookout(args, {
      out: (t) => (out += `${t}\n`),
      err: (t) => (err += `${t}\n`),
      env: { API_TOKEN: 'x', LOOKOUT_DB: path.join(dir, 'none.db') },
      stdin: () => Promise.resolve(''),
    });
    return { code, out, err };
  }

  test('exit 0 for a valid file, 1 with FILE:LINE:COL lines for an invalid one', async () => {
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, monitor());
    expect(await run(['validate', good])).toMatchObject({ code: 0, out: `${good}: valid\n` });
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, monitor('      timeotMs: 5\n      methd: GET\n'));
    const r = await run(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').slice(0, 3)).toEqual([
      `${bad}:8:7: monitors.0.config.timeotMs: Unknown field \`timeotMs\` (did you mean \`timeoutMs\`?)`,
      `${bad}:9:7: monitors.0.config.methd: Unknown field \`methd\` (did you mean \`method\`?)`,
      `${bad}: 2 errors; nothing was applied`,
    ]);
  });

  test('a 50 MB file is refused without being read', async () => {
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 50 * 1024 * 1024);
    const r = await run(['validate', big]);
    expect(r).toMatchObject({
      code: 1,
      err: `${big}:1:1: (file): The file is 50.0 MB; a workspace file is at most 10 MB\n`,
    });
  });

  test('schema: a JSON Schema an editor can check the file with', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    interface JsonSchema {
      properties: Record<string, JsonSchema>;
      additionalProperties?: boolean;
      items?: JsonSchema;
      oneOf?: JsonSchema[];
      anyOf?: JsonSchema[];
      const?: unknown;
    }
    const schema = JSON.parse(r.out) as JsonSchema;
    expect(Object.keys(schema.properties)).toEqual([
      'version',
      'settings',
      'groups',
      'monitors',
      'windows',
      'peaks',
      'templates',
      'channels',
      'alerts',
    ]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.settings!.additionalProperties).toBe(false);
    const items = schema.properties.monitors!.items!;
    const kinds = items.oneOf ?? items.anyOf ?? [];
    expect(kinds.map((k) => k.properties.kind!.const)).toEqual(['http', 'tcp', 'dns', 'tls', 'page', 'hls', 'submit']);
    expect(workspaceJsonSchema()).toEqual(schema);
    void readFileSync;
  });
});
