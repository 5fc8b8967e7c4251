import { useEffect } from 'react';
import { useInboxStore } from './inbox-store';

const TOAST_MS = 8000;

/** Says what the booking inbox brought in, once, politely; the column badge keeps the count. */
export function InboxToast() {
  const toast = useInboxStore((s) => s.toast);
  const error = useInboxStore((s) => s.error);
  const dismiss = useInboxStore((s) => s.dismissToast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismiss, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className="inbox-toast" role="status" aria-live="polite">
      {toast && (
        <p>
          {toast}{' '}
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {error && <p className="error">The booking inbox could not be read: {error}</p>}
    </div>
  );
}

/** The Requested column's badge: requests that arrived since the dispatcher last looked. */
export function NewRequestsBadge() {
  const count = useInboxStore((s) => s.newRequests);
  const seen = useInboxStore((s) => s.seen);
  if (count === 0) return null;
  return (
    <button type="button" className="badge" onClick={seen} title="Mark as seen">
      {count} new
    </button>
  );
}
