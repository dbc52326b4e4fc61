import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTestBrowser } from '../e2e/support';

const PW = '/home/op/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
// Never the real download in a unit test: `fetch` is always a stand-in here.
const none = {
  exists: () => false,
  playwrightPath: () => PW,
  fetch: () => ({ ok: false as const, reason: 'offline' }),
};

describe('the browser the end-to-end tests use, on any desktop OS', () => {
  it('LOOKOUT_CHROMIUM wins, and a wrong one is named', () => {
    expect(
      findTestBrowser({ LOOKOUT_CHROMIUM: '/opt/c/chrome' }, { ...none, exists: (p) => p === '/opt/c/chrome' }),
    ).toEqual({ path: '/opt/c/chrome', how: 'env' });
    expect(findTestBrowser({ LOOKOUT_CHROMIUM: '/opt/nope' }, none)).toEqual({
      error: 'LOOKOUT_CHROMIUM is set to /opt/nope, which does not exist.',
    });
  });

  it('finds Chrome where Windows installs it, and Edge when there is no Chrome', () => {
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\op\\AppData\\Local' };
    const chrome = path.join('C:\\Program Files', 'Google', 'Chrome', 'Application', 'chrome.exe');
    const edge = path.join('C:\\Program Files', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
    expect(findTestBrowser(env, { ...none, exists: (p) => p === chrome || p === edge })).toEqual({
      path: chrome,
      how: 'installed',
    });
    expect(findTestBrowser(env, { ...none, exists: (p) => p === edge })).toEqual({ path: edge, how: 'installed' });
  });

  it('finds Chrome and Edge on macOS', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findTestBrowser({}, { ...none, exists: (p) => p === mac })).toEqual({ path: mac, how: 'installed' });
    const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findTestBrowser({}, { ...none, exists: (p) => p === edge })).toEqual({ path: edge, how: 'installed' });
  });

  it("uses Playwright's Chromium when it is already fetched, and fetches it once when not", () => {
    expect(findTestBrowser({}, { ...none, exists: (p) => p === PW })).toEqual({ path: PW, how: 'playwright' });
    let fetched = 0;
    let there = false;
    const out = findTestBrowser(
      {},
      {
        exists: (p) => there && p === PW,
        playwrightPath: () => PW,
        fetch: () => ((fetched += 1), (there = true), { ok: true }),
      },
    );
    expect(out).toEqual({ path: PW, how: 'fetched' });
    expect(fetched).toBe(1);
  });

  it('fails in one line naming what to install when nothing can be had', () => {
    const out = findTestBrowser(
      {},
      { ...none, fetch: () => ({ ok: false, reason: 'getaddrinfo ENOTFOUND playwright.azureedge.net' }) },
    );
    expect(out).toEqual({
      error:
        "No browser for the end-to-end tests: install Chromium, Google Chrome or Microsoft Edge, or set LOOKOUT_CHROMIUM to one (Playwright's Chromium could not be fetched either: getaddrinfo ENOTFOUND playwright.azureedge.net).",
    });
  });
});
