import { useEffect } from 'react';
import { useSettings } from '../settings/use-settings';
import { useBoardStore } from '../stores/board-store';
import { useTextsStore } from '../stores/texts-store';
import { textTime } from '../job-detail/text-lines';
import { monthCount, OUTBOX_GROUP_LABELS, OUTBOX_GROUPS, outboxOf } from './outbox-groups';
import type { OutboxGroup } from './outbox-groups';
import type { TextListing } from '../../../shared/messages/messages-api';

/**
 * Today's texts across jobs (issue 18): what failed (Retry), what waits for quiet hours to end,
 * what is owed, sent or not sent, and the month's count. Read fresh on opening.
 */
export function OutboxView({ onOpenJob }: { onOpenJob: () => void }) {
  const settings = useSettings();
  const timeZone = settings.business.time_zone;
  const listings = useTextsStore((s) => s.listings);
  const status = useTextsStore((s) => s.status);
  const error = useTextsStore((s) => s.error);
  const refresh = useTextsStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const groups = outboxOf(listings, new Date(), timeZone);
  const empty = OUTBOX_GROUPS.every((g) => groups[g].length === 0);

  return (
    <div className="outbox">
      <p className="outbox-month" data-testid="outbox-month">
        {status ? monthCount(status.month_texts, status.month_segments) : 'Reading texts…'}
        {status && status.provider === null && ' · no text provider is set up (Settings → Texts)'}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {empty && <p className="none">No texts today.</p>}
      {OUTBOX_GROUPS.map((group) =>
        groups[group].length === 0 ? null : (
          <section key={group} aria-labelledby={`outbox-${group}`}>
            <h3 id={`outbox-${group}`}>
              {OUTBOX_GROUP_LABELS[group]} ({groups[group].length})
            </h3>
            <ul className="outbox-list">
              {groups[group].map((text) => (
                <OutboxItem
                  key={text.id}
                  text={text}
                  group={group}
                  timeZone={timeZone}
                  onOpenJob={onOpenJob}
                />
              ))}
            </ul>
          </section>
        ),
      )}
    </div>
  );
}

function OutboxItem({
  text,
  group,
  timeZone,
  onOpenJob,
}: {
  text: TextListing;
  group: OutboxGroup;
  timeZone: string;
  onOpenJob: () => void;
}) {
  const sending = useTextsStore((s) => Boolean(s.sending[text.job_id]));
  const resend = useTextsStore((s) => s.resend);
  const select = useBoardStore((s) => s.select);
  return (
    <li className={`outbox-item outbox-${group}`} data-testid="outbox-item">
      <div className="outbox-line">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onOpenJob();
            select(text.job_id);
          }}
        >
          {text.customer_name}
        </button>
        <time dateTime={text.at}>{textTime(text.at, timeZone)}</time>
        {text.segments ? (
          <span>
            {text.segments} {text.segments === 1 ? 'segment' : 'segments'}
          </span>
        ) : null}
      </div>
      {text.body && <p className="outbox-body">{text.body}</p>}
      {text.reason && <p className="outbox-reason">{text.reason}</p>}
      {/* No "Send now" for a held text yet: sendText adds a text of its own and the held one
          would still go when quiet hours end, so the customer would get it twice. */}
      {group === 'failed' && (
        <button
          type="button"
          className="secondary"
          disabled={sending}
          onClick={() => void resend(text.job_id, text.id)}
        >
          Retry
        </button>
      )}
    </li>
  );
}
