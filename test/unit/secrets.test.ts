import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MonitorDraft } from '../../shared/monitor';
import { SecretError } from '../../electron/core/secrets/box';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { SECRET_MASK, maskSecrets, openSecrets, sealSecrets } from '../../electron/core/secrets/monitor-secrets';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const draft = () =>
  MonitorDraft.parse({
    name: 'API',
    kind: 'http',
    config: {
      url: 'http://127.0.0.1:9/',
      headers: { Authorization: 'Bearer s3cret', 'X-Api-Key': 'k-123', Accept: 'application/json' },
      secretHeaders: ['x-api-key'],
    },
  });

describe('probe secrets', () => {
  it('seals Authorization and the named secret headers, leaves the others, and opens them for the probe', () => {
    const box = createKeyFileBox(join(dir, 'secrets.key'));
    const sealed = sealSecrets(draft(), box);
    if (sealed.kind !== 'http') throw new Error('kind');
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain('s3cret');
    expect(stored).not.toContain('k-123');
    expect(sealed.config.headers.Accept).toBe('application/json');
    const opened = openSecrets(sealed, box);
    if (opened.kind !== 'http') throw new Error('kind');
    expect(opened.config.headers).toEqual({
      Authorization: 'Bearer s3cret',
      'X-Api-Key': 'k-123',
      Accept: 'application/json',
    });
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);
  });

  it('shows masks to the renderer and keeps the stored value when a mask comes back', () => {
    const box = createKeyFileBox(join(dir, 'secrets.key'));
    const stored = sealSecrets(draft(), box);
    const shown = maskSecrets(stored);
    if (shown.kind !== 'http') throw new Error('kind');
    expect(shown.config.headers.Authorization).toBe(SECRET_MASK);
    const edited = { ...shown, name: 'API v2' };
    const again = sealSecrets(edited, box, stored);
    const opened = openSecrets(again, box);
    if (opened.kind !== 'http') throw new Error('kind');
    expect(opened.config.headers.Authorization).toBe('Bearer s3cret');
    expect(opened.name).toBe('API v2');
  });

  it('says clearly when the key is gone instead of probing with garbage', () => {
    const keyPath = join(dir, 'secrets.key');
    const sealed = sealSecrets(draft(), createKeyFileBox(keyPath));
    rmSync(keyPath);
    expect(() => openSecrets(sealed, createKeyFileBox(keyPath))).toThrow(SecretError);
    expect(() => openSecrets(sealed, createKeyFileBox(keyPath))).toThrow(/missing; re-enter/);
  });

  it('leaves templated submission headers alone', () => {
    const box = createKeyFileBox(join(dir, 'secrets.key'));
    const d = MonitorDraft.parse({
      name: 'Submit',
      kind: 'submit',
      config: {
        steps: [
          {
            method: 'GET',
            url: 'http://127.0.0.1:9/token',
            capture: { token: '$.token' },
            headers: { Cookie: 'sid=abc' },
          },
          { method: 'POST', url: 'http://127.0.0.1:9/s', headers: { Authorization: 'Bearer {{token}}' } },
        ],
      },
    });
    const sealed = sealSecrets(d, box);
    if (sealed.kind !== 'submit') throw new Error('kind');
    expect(sealed.config.steps[0]?.headers.Cookie).not.toBe('sid=abc');
    expect(sealed.config.steps[1]?.headers.Authorization).toBe('Bearer {{token}}');
  });
});
