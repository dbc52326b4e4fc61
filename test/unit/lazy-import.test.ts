import { describe, expect, it } from 'vitest';
import type { Service } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import { lazyHandlers, lazyImport } from '../../electron/core/lazy-import';

type Info = ReturnType<Service['app.info']>;

describe('a part of the core loaded on first use', () => {
  it('imports once, however many calls wait on it, and hands out the module after', async () => {
    let imports = 0;
    const mod = lazyImport(() => {
      imports++;
      return Promise.resolve({ answer: 42 });
    });
    expect(mod.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([mod(), mod()]);
    expect(a).toBe(b);
    expect(mod.loaded()).toBe(a);
    expect(imports).toBe(1);
  });

  it('tries the import again after one that failed', async () => {
    let attempt = 0;
    const mod = lazyImport(() =>
      ++attempt === 1 ? Promise.reject(new Error('chunk missing')) : Promise.resolve({ ok: true }),
    );
    await expect(mod()).rejects.toThrow('chunk missing');
    expect(mod.loaded()).toBeUndefined();
    await expect(mod()).resolves.toEqual({ ok: true });
  });

  it('answers each listed method from the group made on the first call, errors included', async () => {
    let made = 0;
    const info = { version: '1.2.3' } as Info;
    const handlers = lazyHandlers(['app.info', 'settings.get'], () => {
      made++;
      return Promise.resolve({
        'app.info': () => info,
        'settings.get': () => {
          throw new ApiError('read_only', 'not here');
        },
      });
    });
    expect(Object.keys(handlers).sort()).toEqual(['app.info', 'settings.get']);
    expect(made).toBe(0);
    await expect(handlers['app.info']({})).resolves.toBe(info);
    await expect(handlers['settings.get']({})).rejects.toMatchObject({ code: 'read_only' });
    expect(made).toBe(1);
  });
});
