import type { Job } from '../../../shared/job';
import { ianaZoneSchema, SMS_PLACEHOLDERS } from '../../../shared/settings/settings';
import { smsForJob } from '../../../shared/sms';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { useWorkspaceStore } from '../stores/workspace-store';
import { addDays, dayKeyOf, zonedInstant } from '../../../shared/zoned-time';
import { SettingsField } from './settings-field';
import { TEMPLATE_STATUSES } from './settings-form';
import type { SettingsDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

/** A made-up job the previews are filled with: tomorrow, 1 to 3 PM on the business's clocks. */
function sampleJob(timeZone: string): Job {
  const tomorrow = addDays(dayKeyOf(new Date(), timeZone), 1);
  const start = zonedInstant(tomorrow, 13, 0, timeZone).toISOString();
  const end = zonedInstant(tomorrow, 15, 0, timeZone).toISOString();
  return {
    job_id: '0000000000000000',
    customer_name: 'Mark Ortiz',
    address: '2250 North Lincoln Ave',
    status: 'scheduled',
    pickup_date: start,
    pickup_window_end: end,
    price: 240,
    currency: 'USD',
    tracking_token: 'sample-token-sample-token-sample-token',
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
          </div>
        );
      })}
    </section>
  );
}
