import { useMemo } from 'react';
import type { Job } from '../../../shared/job';
import type { Settings } from '../../../shared/settings/settings';
import { smsHref } from '../../../shared/sms';
import { countSegments, describeSegments } from '../../../shared/sms-segments';
import { phoneCountryOf } from '../../../shared/phone';
import { quoteSms } from '../inbox/quote-text';

/**
 * The quote text for a request awaiting the customer's answer: what it costs in texts, copied
 * or handed to the messaging app via `sms:`. It stands where the status texts stand once the
 * job is scheduled (sms-composer.tsx), which a request never offers.
 */
export function QuoteSms({
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
  const { business } = settings;
  const text = quoteSms(job, link, business.name, business.time_zone);
  const cost = useMemo(() => countSegments(text), [text]);
  const href = job.phone ? smsHref(job.phone, text, phoneCountryOf(business.phone)) : null;
  return (
    <div className="sms">
      <span className="label" id="quote-text-label">
        Quote text for the customer
      </span>
      <p className="quote-text" aria-labelledby="quote-text-label" data-testid="quote-text">
        {text}
      </p>
      <span className={cost.encoding === 'UCS-2' ? 'count warn' : 'count'}>
        {describeSegments(cost)}
      </span>
      <div className="button-row">
        <button type="button" className="secondary" onClick={() => void onCopy(text, 'Quote text')}>
          Copy quote text
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
      </div>
    </div>
  );
}
