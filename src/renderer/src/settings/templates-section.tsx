import { useMemo } from 'react';
import type { Job } from '../../../shared/job';
import { SMS_PLACEHOLDERS } from '../../../shared/settings/settings';
import { smsForJob } from '../../../shared/sms';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { buildTrackingUrl } from '../../../shared/tracking-link';
import { useWorkspaceStore } from '../stores/workspace-store';
import { SettingsField } from './settings-field';
import { TEMPLATE_STATUSES } from './settings-form';
import type { SettingsDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

/** A made-up job the previews are filled with: tomorrow afternoon. */
function sampleJob(): Job {
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return {
    job_id: '0000000000000000',
    customer_name: 'Mark Ortiz',
    address: '2250 North Lincoln Ave',
    status: 'scheduled',
    pickup_date: start.toISOString(),
    pickup_window_end: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    price: 240,
    currency: 'USD',
    tracking_token: 'sample-token-sample-token-sample-token',
    created_at: start.toISOString(),
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
  const job = useMemo(() => sampleJob(), []);
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
        const preview = smsForJob(
          job,
          { business: draft.business, templates: draft.sms_templates, link },
          status,
        );
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
