/**
 * Who may start a probe now. A probe that hangs costs a socket, not CPU, so the main limit
 * (`concurrency`) counts only probes in their first `slowMs`; after that a probe lingers in a
 * separate, larger allowance. Monitors whose last probe lingered ("slow") get at most half of the
 * working slots and a bounded lingering share, so monitors that answer always find room: a real
 * outage where hundreds of targets hang at once does not stretch the cadence of the healthy ones.
 * Per host (`host:port`), young probes are capped so one origin is not burst, and so are a slow
 * host's lingering probes so one dead origin cannot take the lingering allowance.
 */
export interface CapacityLimits {
  /** Probes in their first `slowMs`, across all monitors. */
  concurrency: number;
  /** Young probes per host, and a quarter of a slow host's lingering ones. */
  perHost: number;
  /** Probes of slow monitors in flight at once (young and lingering). */
  lingering: number;
  /** A probe running this long is lingering, and its monitor counts as slow. */
  slowMs: number;
}

export interface Ticket {
  readonly host: string;
  /** Its host's counts, kept on the ticket so finishing and demoting need no lookup. */
  readonly load: HostLoad;
  readonly startedAt: number;
  slow: boolean;
  young: boolean;
  done: boolean;
  /** Called once when the probe turns lingering. */
  readonly onLinger: () => void;
}

export interface HostLoad {
  young: number;
  slow: number;
}

export interface Capacity {
  canStart(host: string, slow: boolean): boolean;
  /** No working slot free at all: nobody can start until a probe ends or turns lingering. */
  full(): boolean;
  start(host: string, slow: boolean, now: number, onLinger: () => void): Ticket;
  finish(ticket: Ticket): void;
  /** Moves probes older than `slowMs` out of the working slots; true if any moved. */
  demote(now: number): boolean;
  /** When the oldest young probe turns lingering (undefined: none in flight). */
  nextDemotionAt(): number | undefined;
  /** Every probe in flight. */
  active(): number;
  /** Young probes whose monitor is slow, and the cap on them (tests, bench). */
  young(): number;
}

export function createCapacity(limits: CapacityLimits): Capacity {
  const slowYoungCap = Math.max(1, Math.floor(limits.concurrency / 2));
  const slowHostCap = limits.perHost * 4;
  let young = 0;
  let slowYoung = 0;
  let slowTotal = 0;
  let active = 0;
  const hosts = new Map<string, HostLoad>();
  // Young tickets in start order (the clock never goes back between starts): demotion pops the head.
  let youngTickets: Ticket[] = [];
  let head = 0;

  // A host's record stays when it has nothing in flight (one small object per host the monitors
  // name): deleting it and adding it again on every probe, the usual case of one probe of a host at
  // a time, churned the Map's table (about a tenth of a second per million probes).
  const load = (host: string): HostLoad => {
    let h = hosts.get(host);
    if (!h) hosts.set(host, (h = { young: 0, slow: 0 }));
    return h;
  };

  function leaveYoung(t: Ticket, h: HostLoad): void {
    t.young = false;
    young--;
    h.young--;
    if (t.slow) slowYoung--;
  }

  return {
    canStart(host, slow) {
      if (young >= limits.concurrency) return false;
      const h = hosts.get(host);
      if (h && h.young >= limits.perHost) return false;
      if (!slow) return true;
      return slowYoung < slowYoungCap && slowTotal < limits.lingering && (h?.slow ?? 0) < slowHostCap;
    },
    full: () => young >= limits.concurrency,
    start(host, slow, now, onLinger) {
      const h = load(host);
      const t: Ticket = { host, load: h, startedAt: now, slow, young: true, done: false, onLinger };
      active++;
      young++;
      h.young++;
      if (slow) {
        slowYoung++;
        slowTotal++;
        h.slow++;
      }
      youngTickets.push(t);
      return t;
    },
    finish(t) {
      if (t.done) return;
      t.done = true;
      active--;
      const h = t.load;
      if (t.young) leaveYoung(t, h);
      if (t.slow) {
        slowTotal--;
        h.slow--;
      }
    },
    demote(now) {
      let moved = false;
      while (head < youngTickets.length) {
        const t = youngTickets[head]!;
        if (!t.done && t.young) {
          if (now - t.startedAt < limits.slowMs) break;
          const h = t.load;
          leaveYoung(t, h);
          if (!t.slow) {
            // A first probe of a monitor not yet known to hang: it counts as slow from now on.
            t.slow = true;
            slowTotal++;
            h.slow++;
          }
          t.onLinger();
          moved = true;
        }
        head++;
      }
      if (head > 1024 && head * 2 > youngTickets.length) {
        youngTickets = youngTickets.slice(head);
        head = 0;
      }
      return moved;
    },
    nextDemotionAt() {
      for (let i = head; i < youngTickets.length; i++) {
        const t = youngTickets[i]!;
        if (!t.done && t.young) return t.startedAt + limits.slowMs;
      }
      return undefined;
    },
    active: () => active,
    young: () => young,
  };
}
