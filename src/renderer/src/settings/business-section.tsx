import { SettingsField } from './settings-field';
import type { SettingsDraft } from './settings-form';

/** Every IANA zone this runtime knows, for the time zone field's suggestions. */
const ZONES = Intl.supportedValuesOf('timeZone');

export type UpdateDraft = (change: (draft: SettingsDraft) => void) => void;

/** The business as customers see it: its name and phone, and the zone its pickups are in. */
export function BusinessSection({
  draft,
  errors,
  update,
}: {
  draft: SettingsDraft;
  errors: Record<string, string>;
  update: UpdateDraft;
}) {
  const b = draft.business;
  return (
    <section className="settings-section" aria-labelledby="settings-business">
      <h3 id="settings-business">Business</h3>
      <div className="settings-grid">
        <SettingsField label="Business name" path="business.name" errors={errors}>
          {(props) => (
            <input
              {...props}
              value={b.name}
              maxLength={100}
              onChange={(e) => update((d) => void (d.business.name = e.target.value))}
            />
          )}
        </SettingsField>
        <SettingsField
          label="Business phone"
          path="business.phone"
          errors={errors}
          hint="Shown on every customer page."
        >
          {(props) => (
            <input
              {...props}
              type="tel"
              value={b.phone}
              maxLength={40}
              onChange={(e) => update((d) => void (d.business.phone = e.target.value))}
            />
          )}
        </SettingsField>
        <SettingsField
          label="Time zone"
          path="business.time_zone"
          errors={errors}
          hint="Pickup times on the board and the customer's page."
        >
          {(props) => (
            <>
              <input
                {...props}
                list="settings-zones"
                value={b.time_zone}
                spellCheck={false}
                onChange={(e) => update((d) => void (d.business.time_zone = e.target.value))}
              />
              <datalist id="settings-zones">
                {ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </SettingsField>
        <SettingsField label="Currency" path="business.currency" errors={errors} hint="e.g. USD">
          {(props) => (
            <input
              {...props}
              value={b.currency}
              maxLength={3}
              spellCheck={false}
              onChange={(e) => update((d) => void (d.business.currency = e.target.value))}
            />
          )}
        </SettingsField>
      </div>
    </section>
  );
}
