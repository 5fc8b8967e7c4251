import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { SideSheet } from '../dialogs/side-sheet';
import { useSettingsStore } from './settings-store';
import { draftOf, inputOf, settingsErrors } from './settings-form';
import type { SettingsDraft } from './settings-form';
import { BusinessSection } from './business-section';
import type { UpdateDraft } from './business-section';
import { TemplatesSection } from './templates-section';
import { CrewSection } from './crew-section';
import { BackendSection } from './backend-section';
import { AccessSection } from './access-section';
import './settings.css';

/**
 * Settings (issue 8 §8): a sheet opened from the header. Every field is checked by the shared
 * schema as it is typed; Save writes them (atomically, in core) and says what follows. Esc
 * closes it (the native dialog's cancel), unsaved typing with it, and the keyboard goes back
 * where it was.
 */
export function SettingsDialog() {
  const open = useDialogsStore((s) => s.settingsOpen);
  const close = useDialogsStore((s) => s.closeSettings);

  return (
    <SideSheet
      open={open}
      onClose={close}
      title="Settings"
      titleId="settings-title"
      className="settings-dialog"
    >
      <SettingsBody onDone={close} />
    </SideSheet>
  );
}

/** The form, mounted while the dialog is open: a fresh draft each time it opens. */
function SettingsBody({ onDone }: { onDone: () => void }) {
  const settings = useSettingsStore((s) => s.settings);
  const loadError = useSettingsStore((s) => s.error);
  const load = useSettingsStore((s) => s.load);
  const save = useSettingsStore((s) => s.save);
  const saving = useSettingsStore((s) => Boolean(s.busy.save));
  const saveError = useSettingsStore((s) => s.errors.save);
  // What the dispatcher typed; until then the settings as read (a re-read never overwrites typing).
  const [typed, setTyped] = useState<SettingsDraft | null>(null);
  const draft = typed ?? (settings ? draftOf(settings) : null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  if (!draft) {
    return (
      <div className="settings-body">
        {loadError ? (
          <p className="error" role="alert">
            The settings could not be read: {loadError}
          </p>
        ) : (
          <p className="hint">Reading the settings…</p>
        )}
      </div>
    );
  }

  const update: UpdateDraft = (change) => {
    setSaved(false);
    setTyped((current) => {
      const next = structuredClone(current ?? draft);
      change(next);
      return next;
    });
  };
  const errors = settingsErrors(draft);
  const invalid = Object.keys(errors).length > 0;
  const unsaved =
    settings !== null &&
    JSON.stringify(inputOf(draftOf(settings))) !== JSON.stringify(inputOf(draft));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || invalid) return;
    if (await save(inputOf(draft))) setSaved(true);
  }

  return (
    <form className="settings-body" noValidate onSubmit={(e) => void submit(e)}>
      <BusinessSection draft={draft} errors={errors} update={update} />
      <CrewSection draft={draft} errors={errors} update={update} />
      <TemplatesSection draft={draft} errors={errors} update={update} />
      <BackendSection draft={draft} errors={errors} update={update} />
      <AccessSection unsaved={unsaved} />
      <div className="settings-foot">
        {saveError && (
          <p className="error" role="alert">
            {saveError}
          </p>
        )}
        {invalid && (
          <p className="error">
            {Object.keys(errors).length === 1
              ? 'One field needs a fix before saving.'
              : `${Object.keys(errors).length} fields need a fix before saving.`}
          </p>
        )}
        {saved && !unsaved && (
          <p className="state-ok" role="status">
            Saved.
          </p>
        )}
        <div className="button-row">
          <button type="submit" disabled={saving || invalid || !unsaved}>
            {saving ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            {unsaved ? 'Discard and close' : 'Close'}
          </button>
        </div>
      </div>
    </form>
  );
}
