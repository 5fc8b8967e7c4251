import { useCallback } from 'react';
import { createPortal } from 'react-dom';
import type { ReviewItem } from '../../../shared/inbox/inbox-api';
import { PICKUP_WINDOWS } from '../../../shared/inbox/request-fields';
import type { PickupWindowName } from '../../../shared/inbox/request-fields';
import { formatPickup } from '../../../shared/format';
import { ModalDialog } from '../dialogs/modal-dialog';
import { useSettings } from '../settings/use-settings';
import { useInboxStore } from './inbox-store';
import './inbox.css';

/**
 * The Requested column's "To review" button: possible spam and rejected submissions wait
 * there, so no booking is dropped without the dispatcher seeing it (issue 15). Shown only when
 * something waits; it opens the review dialog.
 */
export function ReviewButton() {
  const count = useInboxStore((s) => s.review?.length ?? 0);
  const open = useInboxStore((s) => s.openReview);
  return (
    <>
      {count > 0 && (
        <button
          type="button"
          className="badge review-badge"
          onClick={open}
          title="Possible spam and rejected booking requests"
        >
          {count} to review
        </button>
      )}
      {/* Outside the column header, whose styles (uppercase headings, small badges) are its own. */}
      {createPortal(<InboxReviewDialog />, document.body)}
    </>
  );
}

const SECTIONS: { kind: ReviewItem['kind']; title: string; none: string }[] = [
  { kind: 'possible_spam', title: 'Possible spam', none: 'No possible spam.' },
  { kind: 'rejected', title: 'Rejected', none: 'Nothing rejected.' },
];

/** Every submission no job was made of, with its reason, Accept and Dismiss. */
function InboxReviewDialog() {
  const open = useInboxStore((s) => s.reviewOpen);
  const close = useInboxStore((s) => s.closeReview);
  const review = useInboxStore((s) => s.review);
  const message = useInboxStore((s) => s.reviewMessage);
  const onClose = useCallback(() => close(), [close]);
  return (
    <ModalDialog open={open} onClose={onClose} labelledBy="review-title" className="review-dialog">
      <h2 id="review-title">Booking requests to review</h2>
      <p className="muted review-intro">
        These never became jobs. Accept one to put it on the board in Requested, as if it had been
        sent clean; dismiss it to file it away (it is kept).
      </p>
      {SECTIONS.map(({ kind, title, none }) => {
        const items = (review ?? []).filter((r) => r.kind === kind);
        return (
          <section key={kind} aria-labelledby={`review-${kind}`} className="review-section">
            <h3 id={`review-${kind}`}>
              {title} <span className="count">{items.length}</span>
            </h3>
            {items.length === 0 ? (
              <p className="muted">{none}</p>
            ) : (
              <ul className="review-list">
                {items.map((item) => (
                  <ReviewEntry key={item.id} item={item} />
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <p className="feedback review-feedback" role="status" aria-live="polite">
        {message}
      </p>
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={close}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

/** "Thu, Dec 10" for a YYYY-MM-DD the customer chose; what they sent when it is no date. */
function dayLabel(day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}

function ReviewEntry({ item }: { item: ReviewItem }) {
  const { business } = useSettings();
  const accept = useInboxStore((s) => s.accept);
  const dismiss = useInboxStore((s) => s.dismiss);
  const busy = useInboxStore((s) => s.busy.includes(item.id));
  const { fields } = item;
  const name = fields.name ?? 'No name given';
  const headingId = `review-item-${item.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const window =
    fields.window && Object.hasOwn(PICKUP_WINDOWS, fields.window)
      ? PICKUP_WINDOWS[fields.window as PickupWindowName].label
      : fields.window;
  const when = [fields.date && dayLabel(fields.date), window].filter(Boolean).join(', ');
  const rows: [string, string | undefined][] = [
    ['Phone', fields.phone],
    ['Address', fields.address],
    ['What', fields.service],
    ['When', when || undefined],
    ['Notes', fields.notes],
  ];
  return (
    <li className="review-item" aria-labelledby={headingId}>
      <div className="review-head">
        <strong id={headingId}>{name}</strong>
        <span className={`review-kind review-kind-${item.kind}`}>
          {item.kind === 'possible_spam' ? 'Possible spam' : 'Rejected'}
        </span>
        {item.submitted_at && (
          <span className="muted review-time">
            sent {formatPickup(item.submitted_at, undefined, business.time_zone)}
          </span>
        )}
      </div>
      <p className="review-reason">{item.reason}</p>
      <dl className="review-fields">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {item.cannot_accept && (
        <p className="review-cannot">
          Can’t be accepted: {item.cannot_accept} Dismiss it, or call the customer if you know who
          it is.
        </p>
      )}
      <div className="review-actions">
        {!item.cannot_accept && (
          <button
            type="button"
            aria-disabled={busy || undefined}
            aria-describedby={headingId}
            onClick={() => void accept(item.id)}
          >
            {item.kind === 'possible_spam' ? 'Accept' : 'Accept anyway'}
          </button>
        )}
        <button
          type="button"
          className="secondary"
          aria-disabled={busy || undefined}
          aria-describedby={headingId}
          onClick={() => void dismiss(item.id)}
        >
          Dismiss
        </button>
      </div>
    </li>
  );
}
