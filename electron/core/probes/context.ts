import type { ProbeOutcome } from '../../../shared/result';

/** What every probe receives besides its own config. */
export interface ProbeContext {
  /** Aborted when the monitor is deleted or the app shuts down. */
  signal: AbortSignal;
  /**
   * Scratch space that lives between probes of the same monitor (in memory, never stored), e.g. the
   * hls kind's last media sequence for staleness. Without it such checks only see one probe.
   */
  memory?: ProbeMemory;
  /** Wall clock for state kept in `memory` (the scheduler's clock; Date.now when absent). */
  now?: () => number;
  /** PEM certificates trusted in addition to the system store by HTTP(S) probes (e.g. a test CA). */
  extraCa?: string[];
  /** A real browser for the `page` kind (Electron window or headless Chromium); absent = `browser_unavailable`. */
  pageLoader?: PageLoader;
}

/** Loads a URL in a real browser and reads its navigation timing; the core never imports the browser. */
export interface PageLoader {
  /** Never rejects for the target's faults: those come back as `failed`. */
  load(url: string, opts: PageLoadOptions): Promise<PageLoad>;
  close(): Promise<void>;
}

export interface PageLoadOptions {
  /** Everything after the browser is up: context, navigation, reading the timings. */
  timeoutMs: number;
  signal: AbortSignal;
  /** Let the page (or a redirect) reach 169.254.0.0/16 and fe80::/10, where cloud metadata lives. */
  allowLinkLocal?: boolean;
}

/** Navigation timing in ms from navigation start; null where the browser did not report it. */
export interface PageTimings {
  ttfb: number | null;
  domContentLoaded: number | null;
  load: number | null;
  /** Largest contentful paint, where the browser supports it and the page painted something. */
  lcp: number | null;
}

export type PageLoad =
  | { kind: 'loaded'; httpStatus: number | null; finalUrl: string; timings: PageTimings }
  /** `error`: the browser's network error name (e.g. `ERR_CONNECTION_REFUSED`) or `timeout`. */
  | { kind: 'failed'; error: string; message: string }
  | { kind: 'unavailable'; message: string };

/** A Map satisfies it; keys are chosen by each probe kind. */
export interface ProbeMemory {
  get(key: string): unknown;
  set(key: string, value: unknown): unknown;
}

export type ProbeFn<C> = (config: C, ctx: ProbeContext) => Promise<ProbeOutcome>;
