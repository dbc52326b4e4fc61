import type { Status } from '../../shared/status';

export type DisplayStatus = Status | 'pending' | 'paused';

const LABEL: Record<DisplayStatus, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  pending: 'Pending',
  paused: 'Paused',
};

/** Each status has its own shape so colour is never the only signal. */
export function StatusIcon({ status }: { status: DisplayStatus }) {
  const common = { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': true, focusable: false } as const;
  switch (status) {
    case 'up':
      return (
        <svg {...common}>
          <path
            d="M2 6.5 5 9.5 10 3"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case 'degraded':
      return (
        <svg {...common}>
          <path d="M6 1.5 11 10.5H1Z" fill="currentColor" />
        </svg>
      );
    case 'down':
      return (
        <svg {...common}>
          <path
            d="M2.5 2.5 9.5 9.5M9.5 2.5 2.5 9.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
        </svg>
      );
    case 'unknown':
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2 1.6" />
        </svg>
      );
    case 'paused':
      return (
        <svg {...common}>
          <path d="M4 2.5v7M8 2.5v7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case 'pending':
      return (
        <svg {...common}>
          <circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      );
  }
}

export function statusLabel(status: DisplayStatus): string {
  return LABEL[status];
}

export function StatusBadge({ status }: { status: DisplayStatus }) {
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      <StatusIcon status={status} />
      <span className="badge__text">{LABEL[status]}</span>
    </span>
  );
}
