import type { DraftSource } from '../../../shared/drafts';
import { draftsHash } from './hash';

/**
 * "Draft notice" on a window or incident. With `onOpen` the host page decides how to show the
 * Drafts page; without it the button navigates to the page's address (`#/drafts/window/12`).
 */
export function DraftNoticeButton({
  source,
  onOpen,
  className,
}: {
  source: DraftSource;
  onOpen?: (source: DraftSource) => void;
  className?: string;
}) {
  const label =
    source.kind === 'window' ? 'Draft a notice for this maintenance window' : 'Draft a notice for this incident';
  return (
    <button
      type="button"
      className={className}
      title={label}
      aria-label={`Draft notice (${source.kind === 'window' ? `window ${source.windowId}` : `incident ${source.incidentId}`})`}
      onClick={() => {
        if (onOpen) onOpen(source);
        else window.location.hash = draftsHash(source);
      }}
    >
      Draft notice
    </button>
  );
}
