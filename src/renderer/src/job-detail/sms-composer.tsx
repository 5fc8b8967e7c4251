import { useMemo, useState } from 'react';
import type { Job } from '../../../shared/job';
import { SMS_STATUSES } from '../../../shared/settings/settings';
import type { Settings, SmsStatus } from '../../../shared/settings/settings';
import { smsForJob, smsHref, smsStatusFor } from '../../../shared/sms';
import { countSegments, describeSegments } from '../../../shared/sms-segments';
import { phoneCountryOf } from '../../../shared/phone';
import { STATUS_LABELS } from '../../../shared/status-flow';

/**
 * The ready-to-send text for the job's status (from the business's templates, with its name
 * and the link), editable before it is copied or handed to the messaging app via `sms:`, with
 * what it costs in texts.
 */
export function SmsComposer({
  job,
  link,
  settings,
  onCopy,
}: {
  job: Job;
  link: string;
  settings: Settings;
  onCopy: (text: string, what: string) => Promise<void>;
}) {
  const [variant, setVariant] = useState<SmsStatus>(smsStatusFor(job.status) ?? 'scheduled');
  const generated =
    smsForJob(
      job,
      { business: settings.business, templates: settings.sms_templates, link },
      variant,
    ) ?? '';
  // What the dispatcher typed, kept until what it was made from changes.
  const [edited, setEdited] = useState<{ from: string; text: string } | null>(null);
  const text = edited && edited.from === generated ? edited.text : generated;
  // ~2 ms a count (the calculator splits graphemes): once per text, not per render.
  const cost = useMemo(() => countSegments(text), [text]);
  const href = job.phone ? smsHref(job.phone, text, phoneCountryOf(settings.business.phone)) : null;

  return (
    <div className="sms">
      <label htmlFor="sms-variant">Text for the customer</label>
      <select
        id="sms-variant"
        value={variant}
        onChange={(e) => setVariant(e.target.value as SmsStatus)}
      >
        {SMS_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]} message
          </option>
        ))}
      </select>
      <textarea
        aria-label="SMS text"
        aria-describedby="sms-cost"
        rows={4}
        maxLength={1000}
        value={text}
        onChange={(e) => setEdited({ from: generated, text: e.target.value })}
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
        {href ? (
          <a className="sms-link" href={href}>
            Open in Messages
          </a>
        ) : (
          <span className="hint">
            {job.phone ? 'The phone number cannot take a text.' : 'No phone number on this job.'}
          </span>
        )}
        {edited && edited.from === generated && (
          <button type="button" className="link-button" onClick={() => setEdited(null)}>
            Reset text
          </button>
        )}
      </div>
    </div>
  );
}
