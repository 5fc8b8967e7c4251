import { SettingsField } from './settings-field';
import type { SettingsDraft } from './settings-form';
import type { UpdateDraft } from './business-section';

/** Drivers and trucks jobs are assigned to: add, rename, remove. */
export function CrewSection({
  draft,
  errors,
  update,
}: {
  draft: SettingsDraft;
  errors: Record<string, string>;
  update: UpdateDraft;
}) {
  return (
    <section className="settings-section" aria-labelledby="settings-crew">
      <h3 id="settings-crew">Crew</h3>
      {draft.crew.length === 0 && <p className="hint">No drivers or trucks yet.</p>}
      <ul className="crew-list">
        {draft.crew.map((member, i) => (
          <li key={i}>
            <SettingsField label={`Crew ${i + 1} name`} path={`crew.${i}.name`} errors={errors}>
              {(props) => (
                <input
                  {...props}
                  value={member.name}
                  maxLength={200}
                  onChange={(e) => update((d) => void (d.crew[i]!.name = e.target.value))}
                />
              )}
            </SettingsField>
            <SettingsField label={`Crew ${i + 1} kind`} path={`crew.${i}.kind`} errors={errors}>
              {(props) => (
                <select
                  {...props}
                  value={member.kind}
                  onChange={(e) =>
                    update((d) => void (d.crew[i]!.kind = e.target.value as 'driver' | 'truck'))
                  }
                >
                  <option value="driver">Driver</option>
                  <option value="truck">Truck</option>
                </select>
              )}
            </SettingsField>
            <button
              type="button"
              className="secondary"
              aria-label={`Remove ${member.name || `crew ${i + 1}`}`}
              onClick={() => update((d) => void d.crew.splice(i, 1))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          onClick={() => update((d) => void d.crew.push({ name: '', kind: 'driver' }))}
        >
          Add driver
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => update((d) => void d.crew.push({ name: '', kind: 'truck' }))}
        >
          Add truck
        </button>
      </div>
    </section>
  );
}
