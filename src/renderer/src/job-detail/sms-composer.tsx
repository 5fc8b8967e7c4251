import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Job } from '../../../shared/job';
import { SMS_STATUSES } from '../../../shared/settings/settings';
import type { Settings, SmsStatus } from '../../../shared/settings/settings';
import { smsForJob, smsHref, smsStatusFor } from '../../../shared/sms';
import { countSegments, describeSegments } from '../../../shared/sms-segments';
import { phoneCountryOf } from '../../../shared/phone';
import { STATUS_LABELS } from '../../../shared/status-flow';
import {
  choose,
  hasEdit,
  keepEditing,
  newSmsDraft,
  replaceEdit,
  resetText,
  textOf,
  typed,
} from './sms-draft';

/**
 * The ready-to-send text for the job's status (from the business's templates, with its name
 * and the link), editable before it is copied or handed to the messaging app via `sms:`, with
 * what it costs in texts. Picking another template over an edit asks first.
 */
export function SmsComposer({
  job,
  link,
  settings,
  onCopy,
  onSend,
  sending = false,
}: {
  job: Job;
  link: string;
  settings: Settings;
  onCopy: (text: string, what: string) => Promise<void>;
  /**
   * Given when a provider carries texts (getMessagesStatus().provider): the text goes from the
   * console, as typed, or as its status's template when not edited (core fills the link).
   */
  onSend?: (input: { body: string } | { status: SmsStatus }) => Promise<boolean>;
  sending?: boolean;
}) {
  const [draft, setDraft] = useState(() => newSmsDraft(smsStatusFor(job.status) ?? 'scheduled'));
  const textarea = useRef<HTMLTextAreaElement>(null);
  const generated =
    smsForJob(
      job,
      { business: settings.business, templates: settings.sms_templates, link },
      draft.variant,
    ) ?? '';
  const text = textOf(draft, generated);
  const edited = hasEdit(draft, generated);
  // ~2 ms a count (the calculator splits graphemes): once per text, not per render.
  const cost = useMemo(() => countSegments(text), [text]);
  const href = job.phone ? smsHref(job.phone, text, phoneCountryOf(settings.business.phone)) : null;

  function answer(next: typeof draft) {
    setDraft(next);
    textarea.current?.focus();
  }
  function onConfirmKey(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    // Esc answers "Keep editing"; the panel's Esc (job-detail-panel.tsx) skips a handled key.
    e.preventDefault();
    answer(keepEditing(draft));
  }

  return (
    <div className="sms">
      <label htmlFor="sms-variant">Text for the customer</label>
      <select
        id="sms-variant"
        value={draft.variant}
        aria-describedby={draft.asking ? 'sms-replace-question' : undefined}
        onChange={(e) => setDraft(choose(draft, e.target.value as SmsStatus, generated))}
      >
        {SMS_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]} message
          </option>
        ))}
      </select>
      {draft.asking && (
        <div
          className="confirm-row"
          role="group"
          aria-labelledby="sms-replace-question"
          onKeyDown={onConfirmKey}
        >
          <span id="sms-replace-question">
            Replace your edited text with the {STATUS_LABELS[draft.asking]} message?
          </span>
          <button type="button" autoFocus onClick={() => answer(replaceEdit(draft))}>
            Replace
          </button>
          <button type="button" className="secondary" onClick={() => answer(keepEditing(draft))}>
            Keep editing
          </button>
        </div>
      )}
      <textarea
        ref={textarea}
        aria-label="SMS text"
        aria-describedby="sms-cost"
        rows={4}
        maxLength={1000}
        value={text}
        onChange={(e) => setDraft(typed(draft, generated, e.target.value))}
      />
      <span
        id="sms-cost"
        className={cost.encoding === 'UCS-2' ? 'count warn' : 'count'}
        aria-live="polite"
      >
        {describeSegments(cost)}
      </span>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => void onCopy(text, 'SMS text')}>
          Copy SMS
        </button>
        {onSend && job.phone && (
          <button
            type="button"
            disabled={sending || text.trim() === ''}
            onClick={() =>
              void onSend(edited ? { body: text } : { status: draft.variant }).then((sent) => {
                if (sent && edited) setDraft(resetText(draft));
              })
            }
          >
            {sending ? 'Sending…' : 'Send text'}
          </button>
        )}
        {/* Beside Send, not instead of it: some offices text from their own business phone. */}
        {href ? (
          <a className="sms-link" href={href}>
            Open in Messages
          </a>
        ) : (
          <span className="hint">
            {job.phone ? 'The phone number cannot take a text.' : 'No phone number on this job.'}
          </span>
        )}
        {edited && (
          <button type="button" className="link-button" onClick={() => answer(resetText(draft))}>
            Reset text
          </button>
        )}
      </div>
    </div>
  );
}
