import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { SideSheet } from '../dialogs/side-sheet';
import { useSettingsStore } from './settings-store';
import { draftOf, inputOf, settingsErrors } from './settings-form';
import type { SettingsDraft } from './settings-form';
import { answerCloseRequest, hasUnsavedEdits } from './unsaved-settings';
import { BusinessSection } from './business-section';
import type { UpdateDraft } from './business-section';
import { TemplatesSection } from './templates-section';
import { TextsSettingsSection } from './texts-settings-section';
import { CrewSection } from './crew-section';
import { BackendSection } from './backend-section';
import { AccessSection } from './access-section';
import './settings.css';

/**
 * Settings (issue 8 §8): a sheet opened from the header. Every field is checked by the shared
 * schema as it is typed; Save writes them (atomically, in core) and says what follows. Esc or
 * Close with nothing typed closes it at once, and the keyboard goes back where it was; with
 * unsaved typing they ask "Discard your changes?" first (Keep editing has the keyboard, and a
 * second Esc answers it), so a reflexive Esc never throws work away (issue 17).
 */
export function SettingsDialog() {
  const open = useDialogsStore((s) => s.settingsOpen);
  const closeSettings = useDialogsStore((s) => s.closeSettings);
  // Refs, not state: the dialog's key and cancel listeners read them as they are at the key.
  const unsaved = useRef(false);
  const askingNow = useRef(false);
  const typingIn = useRef<HTMLElement | null>(null);
  const [asking, setAskingState] = useState(false);
  const setAsking = useCallback((next: boolean) => {
    askingNow.current = next;
    setAskingState(next);
  }, []);

  const close = useCallback(() => {
    unsaved.current = false;
    setAsking(false);
    closeSettings();
  }, [closeSettings, setAsking]);
  const ask = useCallback(() => {
    const active = document.activeElement;
    typingIn.current = active instanceof HTMLElement ? active : null;
    setAsking(true);
  }, [setAsking]);
  const keepEditing = useCallback(() => {
    // The keyboard goes back to the field it left, before the question (which had it) goes.
    if (typingIn.current?.isConnected) typingIn.current.focus();
    setAsking(false);
  }, [setAsking]);
  // The sheet's Close, and any way the browser closed it (side-sheet.tsx calls this once the
  // dialog is closed too: then the store must hear it, whatever was typed).
  const requestClose = useCallback(() => {
    if (unsaved.current && settingsSheet()?.open) ask();
    else close();
  }, [ask, close]);

  useEffect(() => {
    const dialog = open ? settingsSheet() : null;
    if (!dialog) return;
    // Esc is caught at its keydown: a refused `cancel` without a fresh user activation is not
    // refused in Chromium (see modal-dialog.tsx), and a second Esc, to keep editing, has none.
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const answer = answerCloseRequest(unsaved.current, askingNow.current);
      if (answer === 'close') return;
      event.preventDefault();
      event.stopPropagation();
      if (answer === 'ask') ask();
      else keepEditing();
    };
    // Any other close request (a back gesture): refused while typing is unsaved, if it can be.
    // Captured, so it runs before side-sheet.tsx's own listener, which skips a refused cancel.
    const onCancel = (event: Event) => {
      if (!unsaved.current || !event.cancelable) return;
      event.preventDefault();
      ask();
    };
    dialog.addEventListener('keydown', onKey, true);
    dialog.addEventListener('cancel', onCancel, true);
    return () => {
      dialog.removeEventListener('keydown', onKey, true);
      dialog.removeEventListener('cancel', onCancel, true);
    };
  }, [open, ask, keepEditing]);

  const onUnsaved = useCallback((now: boolean) => {
    unsaved.current = now;
  }, []);

  return (
    <SideSheet
      open={open}
      onClose={requestClose}
      title="Settings"
      titleId="settings-title"
      className="settings-dialog"
    >
      <SettingsBody
        onDone={close}
        onUnsaved={onUnsaved}
        asking={asking}
        onKeepEditing={keepEditing}
      />
    </SideSheet>
  );
}

/** The sheet's <dialog> (SideSheet renders it and keeps its ref to itself). */
function settingsSheet(): HTMLDialogElement | null {
  return document.querySelector<HTMLDialogElement>('dialog.settings-dialog');
}

/** The form, mounted while the dialog is open: a fresh draft each time it opens. */
function SettingsBody({
  onDone,
  onUnsaved,
  asking,
  onKeepEditing,
}: {
  onDone: () => void;
  /** Told whenever the form's unsaved-or-not changes, so a close request knows. */
  onUnsaved: (unsaved: boolean) => void;
  /** "Discard your changes?" is asked. */
  asking: boolean;
  onKeepEditing: () => void;
}) {
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

  const unsaved = hasUnsavedEdits(settings, draft);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    onUnsaved(unsaved);
  }, [onUnsaved, unsaved]);
  // The question takes the keyboard on Keep editing, the answer that loses nothing.
  const keepEditingButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepEditingButton.current?.focus();
  }, [asking]);

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
      <TextsSettingsSection draft={draft} errors={errors} update={update} />
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
        {asking ? (
          <div className="button-row" role="group" aria-labelledby="settings-discard-question">
            <p id="settings-discard-question" className="question" role="alert">
              Discard your changes?
            </p>
            <button type="button" ref={keepEditingButton} onClick={onKeepEditing}>
              Keep editing
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              Discard
            </button>
          </div>
        ) : (
          <div className="button-row">
            <button type="submit" disabled={saving || invalid || !unsaved}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              {unsaved ? 'Discard and close' : 'Close'}
            </button>
          </div>
        )}
      </div>
    </form>
  );
}
