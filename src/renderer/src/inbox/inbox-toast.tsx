import { useEffect } from 'react';
import { useInboxStore } from './inbox-store';
import { ReviewButton } from './inbox-review';
import { NewRequestButton } from './new-request-dialog';

const TOAST_MS = 8000;

/** Says what the booking inbox brought in, once, politely; the column badge keeps the count. */
export function InboxToast() {
  const toast = useInboxStore((s) => s.toast);
  const error = useInboxStore((s) => s.error);
  const dismiss = useInboxStore((s) => s.dismissToast);
  const toReview = useInboxStore((s) => s.review?.length ?? 0);
  const openReview = useInboxStore((s) => s.openReview);
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
          {toReview > 0 && (
            <button type="button" className="link-button" onClick={openReview}>
              Review
            </button>
          )}{' '}
          <button type="button" className="link-button" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
      {error && <p className="error">The booking inbox could not be read: {error}</p>}
    </div>
  );
}

/**
 * The Requested column's badges: requests that arrived since the dispatcher last looked, what
 * waits for review (possible spam, rejected requests), and New request for a phoned-in lead.
 */
export function NewRequestsBadge() {
  const count = useInboxStore((s) => s.newRequests);
  const seen = useInboxStore((s) => s.seen);
  return (
    <>
      {count > 0 && (
        <button type="button" className="badge" onClick={seen} title="Mark as seen">
          {count} new
        </button>
      )}
      <ReviewButton />
      <NewRequestButton />
    </>
  );
}
