import { useEffect } from 'react';
import { SMS_STATUSES } from '../../../shared/settings/settings';
import { STATUS_LABELS } from '../../../shared/status-flow';
import { zoneCity } from '../../../shared/format';
import { useTextsStore } from '../stores/texts-store';
import { monthCount } from '../outbox/outbox-groups';
import { SettingsField } from './settings-field';
import type { SettingsDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

type Props = { draft: SettingsDraft; errors: Record<string, string>; update: UpdateDraft };

/**
 * Settings → Texts (issue 18): which status changes text the customer by themselves, when
 * texts wait (quiet hours, on the business's clocks), and who carries them: the sandbox's
 * phone, or AWS End User Messaging SMS with its number, configuration set and inbound queue.
 */
export function TextsSettingsSection({ draft, errors, update }: Props) {
  const m = draft.messages;
  const status = useTextsStore((s) => s.status);
  const refresh = useTextsStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const zone = zoneCity(draft.business.time_zone);
  const provider = (value: SettingsDraft['messages']['provider'], label: string) => (
    <label>
      <input
        type="radio"
        name="texts-provider"
        checked={m.provider === value}
        onChange={() => update((d) => void (d.messages.provider = value))}
      />{' '}
      {label}
    </label>
  );
  const awsField = (label: string, key: keyof SettingsDraft['messages']['aws'], hint: string) => (
    <SettingsField label={label} path={`messages.aws.${key}`} errors={errors} hint={hint} wide>
      {(props) => (
        <input
          {...props}
          value={m.aws[key]}
          spellCheck={false}
          onChange={(e) => update((d) => void (d.messages.aws[key] = e.target.value))}
        />
      )}
    </SettingsField>
  );

  return (
    <section className="settings-section" aria-labelledby="settings-texts">
      <h3 id="settings-texts">Texts</h3>
      <p className="hint" data-testid="settings-month">
        {status
          ? monthCount(status.month_texts, status.month_segments)
          : 'Reading this month’s texts…'}
      </p>
      <fieldset className="mode">
        <legend>Text the customer by itself when a job moves to</legend>
        {SMS_STATUSES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={m.auto.includes(s)}
              onChange={(e) =>
                update((d) => {
                  const others = d.messages.auto.filter((a) => a !== s);
                  d.messages.auto = e.target.checked ? [...others, s] : others;
                })
              }
            />{' '}
            {STATUS_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <fieldset className="mode">
        <legend>Quiet hours</legend>
        <label>
          <input
            type="checkbox"
            checked={m.quiet}
            onChange={(e) => update((d) => void (d.messages.quiet = e.target.checked))}
          />{' '}
          Hold automatic texts at night; they go when quiet hours end
        </label>
      </fieldset>
      {m.quiet && (
        <div className="settings-grid two">
          <SettingsField
            label={`From (${zone} time)`}
            path="messages.quiet_hours.from"
            errors={errors}
          >
            {(props) => (
              <input
                {...props}
                type="time"
                value={m.quiet_from}
                onChange={(e) => update((d) => void (d.messages.quiet_from = e.target.value))}
              />
            )}
          </SettingsField>
          <SettingsField label={`To (${zone} time)`} path="messages.quiet_hours.to" errors={errors}>
            {(props) => (
              <input
                {...props}
                type="time"
                value={m.quiet_to}
                onChange={(e) => update((d) => void (d.messages.quiet_to = e.target.value))}
              />
            )}
          </SettingsField>
        </div>
      )}
      <fieldset className="mode">
        <legend>Texts are carried by</legend>
        {provider(
          '',
          'Not set: the sandbox’s phone on a sandbox; on AWS, End User Messaging once its number is set',
        )}
        {provider('sandbox', 'Sandbox phone (texts stay on this computer)')}
        {provider('aws', 'AWS End User Messaging SMS')}
        {m.provider === 'twilio' && provider('twilio', 'Twilio')}
      </fieldset>
      {status?.phone_url && (m.provider === 'sandbox' || m.provider === '') && (
        <p className="hint">
          The sandbox’s phone:{' '}
          <a href={status.phone_url} target="_blank" rel="noreferrer">
            {status.phone_url}
          </a>
        </p>
      )}
      {m.provider === 'aws' && (
        <div className="settings-grid">
          {awsField(
            'Origination identity',
            'origination_identity',
            'The phone number (or its ARN, a sender id or a pool) texts go from.',
          )}
          {awsField(
            'Configuration set',
            'configuration_set',
            'Its event destination reports delivery and failures.',
          )}
          {awsField(
            'Inbound queue URL',
            'inbound_queue_url',
            'The SQS queue subscribed to the number’s two-way SNS topic.',
          )}
        </div>
      )}
    </section>
  );
}
