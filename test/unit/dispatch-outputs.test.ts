import { describe, expect, it } from 'vitest';
import type { Service } from '../../shared/api';
import { createDispatcher } from '../../electron/core/dispatch';

/** Only app.info is called here; the rest of the façade is never reached. */
function serviceAnswering(info: unknown): Service {
  return { 'app.info': () => info } as unknown as Service;
}

const GOOD = {
  version: '1.0.0',
  mode: 'serve',
  dbPath: '/tmp/x.sqlite3',
  readOnly: false,
  firstRun: false,
  demo: false,
};

describe('dispatcher output check', () => {
  it('turns an answer that breaks the contract into an internal error naming the field', async () => {
    const logged: string[] = [];
    const dispatch = createDispatcher(serviceAnswering({ ...GOOD, readOnly: 'no' }), (m) => logged.push(m), {
      checkOutputs: true,
    });
    const out = await dispatch('app.info', {});
    expect(out).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (out.ok) return;
    expect(out.error.message).toContain('app.info');
    expect(out.error.message).toContain('readOnly');
    expect(logged).toEqual(['app.info']);
  });

  it('passes a conforming answer on unchanged (nothing stripped or defaulted)', async () => {
    const answer = { ...GOOD, extra: 'kept' };
    const out = await createDispatcher(serviceAnswering(answer), undefined, { checkOutputs: true })('app.info', {});
    expect(out).toEqual({ ok: true, result: answer });
    if (out.ok) expect(out.result).toBe(answer);
  });

  it('does not look at answers when the check is off (production)', async () => {
    const wrong = { version: 3 };
    const out = await createDispatcher(serviceAnswering(wrong))('app.info', {});
    expect(out).toEqual({ ok: true, result: wrong });
  });
});
