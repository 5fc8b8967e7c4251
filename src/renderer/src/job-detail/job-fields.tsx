import type { Job } from '../../../shared/job';
import { formatPickupWindow, zoneCity } from '../../../shared/format';
import type { CrewMember } from '../../../shared/settings/settings';
import { phoneCountryOf, phoneForLink } from '../../../shared/phone';
import { useJobDetailStore } from './job-detail-store';
import { cardPrice } from '../board/card-price';

/**
 * `tel:` wants E.164 (or at least digits); the number is still shown as the dispatcher typed
 * it. A number without a country code is read in the business's country.
 */
export function telHref(phone: string, businessPhone?: string): string {
  const e164 = phoneForLink(phone, phoneCountryOf(businessPhone));
  const trimmed = phone.trim();
  return `tel:${e164 ?? `${trimmed.startsWith('+') ? '+' : ''}${trimmed.replace(/\D/g, '')}`}`;
}

/** Every field of a job, read-only: the panel's default view. Text is rendered as text only. */
export function JobFields({
  job,
  timeZone,
  crew,
  businessPhone,
}: {
  job: Job;
  timeZone: string;
  crew: readonly CrewMember[];
  businessPhone?: string | undefined;
}) {
  const none = <span className="none">—</span>;
  return (
    <dl className="job-fields">
      <dt>Phone</dt>
      <dd>{job.phone ? <a href={telHref(job.phone, businessPhone)}>{job.phone}</a> : none}</dd>
      <dt>Email</dt>
      <dd>{job.email ? <a href={`mailto:${job.email}`}>{job.email}</a> : none}</dd>
      <dt>Address</dt>
      <dd>{job.address}</dd>
      <dt>Pickup</dt>
      <dd>
        <time dateTime={job.pickup_date}>
          {formatPickupWindow(job.pickup_date, job.pickup_window_end, undefined, timeZone)}
        </time>{' '}
        <span className="zone">({zoneCity(timeZone)} time)</span>
      </dd>
      <dt>Service</dt>
      <dd>{job.service ?? none}</dd>
      <dt>Price</dt>
      <dd>{cardPrice(job)}</dd>
      <dt>
        <label htmlFor="job-assignee">Assignee</label>
      </dt>
      <dd>
        <AssigneeSelect job={job} crew={crew} />
      </dd>
      <dt>Notes</dt>
      <dd className="notes">{job.notes ?? none}</dd>
    </dl>
  );
}

/** Assign from the panel at once: one change, with its Undo toast. */
function AssigneeSelect({ job, crew }: { job: Job; crew: readonly CrewMember[] }) {
  const assign = useJobDetailStore((s) => s.assign);
  const busy = useJobDetailStore((s) => Boolean(s.busy.save));
  const current = job.assigned_to ?? '';
  const names = crew.map((m) => m.name);
  return (
    <select
      id="job-assignee"
      value={current}
      disabled={busy}
      onChange={(e) => void assign(job, e.target.value || null)}
    >
      <option value="">Unassigned</option>
      {crew.map((member) => (
        <option key={`${member.kind}:${member.name}`} value={member.name}>
          {member.name} ({member.kind})
        </option>
      ))}
      {current && !names.includes(current) && <option value={current}>{current}</option>}
    </select>
  );
}
