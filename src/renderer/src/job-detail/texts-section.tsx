import { useEffect, useMemo, useState } from 'react';
import type { Job } from '../../../shared/job';
import { phoneCountryOf, phoneForLink } from '../../../shared/phone';
import type { Settings } from '../../../shared/settings/settings';
import { useTextsStore } from '../stores/texts-store';
import { conversationOf, hasUnread, optOutNote } from './text-lines';
import type { TextLine } from './text-lines';

/** The job's customer number as E.164, as core keeps opted-out numbers; null without one. */
export function jobE164(job: Pick<Job, 'phone'>, businessPhone: string | undefined): string | null {
  return job.phone ? phoneForLink(job.phone, phoneCountryOf(businessPhone)) : null;
}

/**
 * The job's texts as a conversation (newest at the bottom), each with its state in words, the
 * time on the business's clocks and its segments; replies not seen yet are marked and marked
 * read once shown. Above them: an opted-out customer said plainly, and the "don't text" switch.
 */
export function TextsSection({ job, settings }: { job: Job; settings: Settings }) {
  const timeZone = settings.business.time_zone;
  const listings = useTextsStore((s) => s.listings);
  const optedOut = useTextsStore((s) => s.status?.opted_out);
  const error = useTextsStore((s) => s.error);
  const { markRead, setTextsOff, resend } = useTextsStore.getState();
  const byId = useMemo(() => new Map(listings.map((l) => [l.id, l])), [listings]);
  const lines = conversationOf(job, { timeZone, listings: byId });
  const optOut = optOutNote(job, jobE164(job, settings.business.phone), optedOut ?? [], timeZone);
  const unread = hasUnread(job);
  // The switch answers the click at once; the job as saved (or put back) follows.
  const [switching, setSwitching] = useState<boolean | null>(null);
  const textsOff = switching ?? job.no_texts === true;
  async function switchTexts(off: boolean) {
    setSwitching(off);
    await setTextsOff(job, off);
    setSwitching(null);
  }

  useEffect(() => {
    if (unread) void markRead(job.job_id);
  }, [job.job_id, unread, markRead]);

  return (
    <section className="panel-section texts" aria-labelledby="job-texts-title">
      <h3 id="job-texts-title">Texts</h3>
      {optOut && (
        <p className="warning opted-out" data-testid="opted-out">
          <span aria-hidden="true">⊘ </span>
          {optOut.text}
        </p>
      )}
      <label className="switch-line">
        <input
          type="checkbox"
          checked={!textsOff}
          disabled={switching !== null}
          onChange={(e) => void switchTexts(!e.target.checked)}
        />
        Automatic texts for this job
        {textsOff && <span className="hint"> — off: status changes send nothing</span>}
      </label>
      {lines.length === 0 ? (
        <p className="none">No texts yet.</p>
      ) : (
        <ol className="conversation" aria-label="Texts with the customer">
          {lines.map((line) => (
            <TextItem key={line.id} line={line} onResend={() => void resend(job.job_id, line.id)} />
          ))}
        </ol>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}

function TextItem({ line, onResend }: { line: TextLine; onResend: () => void }) {
  return (
    <li
      className={`text-bubble text-${line.direction} tone-${line.tone}${line.unread ? ' unread' : ''}`}
      data-testid="text-line"
    >
      {line.body && <p className="text-body">{line.body}</p>}
      <p className="text-meta">
        <span className="text-state">
          <span className="text-icon" aria-hidden="true">
            {line.icon}
          </span>{' '}
          {line.state}
        </span>
        {' · '}
        <time dateTime={line.at}>{line.when}</time>
        {line.segments && ` · ${line.segments}`}
        {line.tone === 'bad' && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={onResend}>
              Retry
            </button>
          </>
        )}
      </p>
    </li>
  );
}
