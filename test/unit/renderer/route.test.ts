import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/lib/route';
import { rangeFromParams, rangeParams } from '../../../renderer/lib/ranges';

describe('hash routes', () => {
  it('round-trips pages, monitor ids and range parameters so links from alerts work', () => {
    expect(parseRoute('')).toMatchObject({ page: 'dashboard' });
    expect(parseRoute('#/incidents?id=4').params.get('id')).toBe('4');
    expect(parseRoute('#maintenance').page).toBe('maintenance');
    expect(parseRoute('#/drafts/window/12').page).toBe('drafts');
    expect(parseRoute('#/monitor/abc').page).toBe('dashboard');
    const href = routeHref('monitor', { id: 12, params: { from: 1000, to: 5000 } });
    expect(href).toBe('#/monitor/12?from=1000&to=5000');
    const r = parseRoute(href);
    expect(r).toMatchObject({ page: 'monitor', id: 12 });
    expect(rangeFromParams(r.params)).toEqual({ kind: 'custom', from: 1000, to: 5000 });
    expect(rangeFromParams(new URLSearchParams('range=1y'))).toMatchObject({ kind: 'preset', key: '1y', live: false });
    expect(rangeFromParams(new URLSearchParams('range=live'))).toMatchObject({
      key: 'live',
      live: true,
      ms: 15 * 60_000,
    });
    expect(rangeFromParams(new URLSearchParams('from=9&to=3'))).toMatchObject({ kind: 'preset', key: '24h' });
    expect(rangeParams({ kind: 'preset', key: '7d', ms: 1, live: false })).toEqual({ range: '7d' });
  });
});
