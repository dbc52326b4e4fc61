import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { createIpcTransport, type LookoutBridge } from '../../../renderer/api/ipc-transport';

describe('ipc transport', () => {
  it('unwraps results, rebuilds ApiError and passes events through', async () => {
    const listeners: ((p: unknown) => void)[] = [];
    const bridge: LookoutBridge = {
      invoke: (method, input) =>
        Promise.resolve(
          method === 'monitors.delete'
            ? {
                ok: false,
                error: { code: 'invalid_input', message: 'bad', issues: [{ path: 'id', message: 'Too small' }] },
              }
            : { ok: true, result: { method, input } },
        ),
      on: (_event, cb) => {
        listeners.push(cb);
        return () => listeners.splice(listeners.indexOf(cb), 1);
      },
    };
    const t = createIpcTransport(bridge);
    await expect(t.invoke('monitors.list', {})).resolves.toEqual({ method: 'monitors.list', input: {} });
    const err = await t.invoke('monitors.delete', { id: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_input', issues: [{ path: 'id', message: 'Too small' }] });

    const seen: unknown[] = [];
    const off = t.on('monitors', (p) => seen.push(p));
    listeners.forEach((l) => l({ reason: 'created' }));
    off();
    expect(listeners).toHaveLength(0);
    expect(seen).toEqual([{ reason: 'created' }]);
    expect(t.getConnection?.().state).toBe('open');
  });

  it('treats an unknown error code from the wire as internal', async () => {
    const t = createIpcTransport({
      invoke: () => Promise.resolve({ ok: false, error: { code: 'weird', message: 'boom' } }),
      on: () => () => {},
    });
    await expect(t.invoke('app.info', {})).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });
});
