import { useMemo } from 'react';
import type { Job } from '../../../shared/job';
import { ianaZoneSchema, SMS_PLACEHOLDERS } from '../../../shared/settings/settings';
import type { SmsStatus } from '../../../shared/settings/settings';
import { smsForJob } from '../../../shared/sms';
import { countSegments, describeSegments } from '../../../shared/sms-segments';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { useWorkspaceStore } from '../stores/workspace-store';
import { addDays, dayKeyOf, zonedInstant } from '../../../shared/zoned-time';
import { SettingsField } from './settings-field';
import { TEMPLATE_STATUSES } from './settings-form';
import type { SettingsDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

/**
 * A made-up job the previews are filled with, as long as a real one: a long-ish first name,
 * tomorrow 11:30 AM to 1:30 PM on the business's clocks (the longest times of a day's
 * window), and a token of the length the console mints (43 characters,
 * src/core/ids/random-ids.ts), so the counts below are what a customer's text costs.
 */
export function sampleJob(timeZone: string): Job {
  const tomorrow = addDays(dayKeyOf(new Date(), timeZone), 1);
  const start = zonedInstant(tomorrow, 11, 30, timeZone).toISOString();
  const end = zonedInstant(tomorrow, 13, 30, timeZone).toISOString();
  return {
    job_id: '0000000000000000',
    customer_name: 'Christopher Montgomery',
    address: '2250 North Lincoln Ave',
    status: 'scheduled',
    pickup_date: start,
    pickup_window_end: end,
    price: 240,
    currency: 'USD',
    tracking_token: 'sample-token-sample-token-sample-token-1234',
    created_at: start,
  };
}

/** The texts customers get, per status, each with a live preview on a sample job. */
export function TemplatesSection({
  draft,
  errors,
  update,
}: {
  draft: SettingsDraft;
  errors: Record<string, string>;
  update: UpdateDraft;
}) {
  const base = useWorkspaceStore((s) => s.info?.publicBaseUrl) ?? 'https://track.example.com';
  // A zone being typed ("America/Chi") is no zone yet: the preview keeps to Chicago meanwhile.
  const typedZone = draft.business.time_zone.trim();
  const zone = ianaZoneSchema.safeParse(typedZone).success ? typedZone : 'America/Chicago';
  const business = { ...draft.business, time_zone: zone };
  const job = sampleJob(zone);
  const link = buildTrackingUrl(base, job.tracking_token);
  return (
    <section className="settings-section" aria-labelledby="settings-templates">
      <h3 id="settings-templates">Text messages</h3>
      <p className="hint">
        Placeholders:{' '}
        {SMS_PLACEHOLDERS.map((p) => (
          <code key={p}>{`{${p}}`}</code>
        ))}
      </p>
      {TEMPLATE_STATUSES.map((status) => {
        const preview = smsForJob(job, { business, templates: draft.sms_templates, link }, status);
        return (
          <div className="template" key={status}>
            <SettingsField
              label={`${STATUS_LABELS[status]} message`}
              path={`sms_templates.${status}`}
              errors={errors}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={2}
                  maxLength={480}
                  value={draft.sms_templates[status]}
                  onChange={(e) => update((d) => void (d.sms_templates[status] = e.target.value))}
                />
              )}
            </SettingsField>
            <p className="preview" aria-label={`${STATUS_LABELS[status]} message preview`}>
              {preview}
            </p>
            <TemplateCost status={status} text={preview ?? ''} />
          </div>
        );
      })}
    </section>
  );
}

/** What a text from this template costs, "about" because names and links vary per job. */
function TemplateCost({ status, text }: { status: SmsStatus; text: string }) {
  // ~2 ms a count: four templates would otherwise be counted on every keystroke in Settings.
  const cost = useMemo(() => countSegments(text), [text]);
  return (
    <p
      className={cost.encoding === 'UCS-2' ? 'template-cost warn' : 'template-cost'}
      aria-label={`${STATUS_LABELS[status]} message cost`}
      aria-live="polite"
    >
      {describeSegments(cost, { about: true })}
    </p>
  );
}
