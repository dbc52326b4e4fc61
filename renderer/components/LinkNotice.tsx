import { navigate } from '../lib/route';

/**
 * The one line a lookout:// link leaves when its target does not exist (electron/shell/deep-link.ts
 * opens `#/?notice=…`); dismissing it drops the parameter so a reload does not show it again.
 */
export function LinkNotice({ params }: { params: URLSearchParams }) {
  const notice = params.get('notice');
  if (!notice) return null;
  return (
    <p className="link-notice" role="status">
      {notice.slice(0, 300)}{' '}
      <button type="button" className="btn btn--ghost btn--small" onClick={() => navigate('#/', true)}>
        Dismiss
      </button>
    </p>
  );
}
