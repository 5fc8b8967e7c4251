import type { Settings } from '../../../shared/settings/settings';
import { draftOf, inputOf } from './settings-form';
import type { SettingsDraft } from './settings-form';

/**
 * Whether the form holds typing that Save would write, compared as what saveSettings takes: a
 * field typed and typed back is no change, and the sheet closes at once.
 */
export function hasUnsavedEdits(settings: Settings | null, draft: SettingsDraft | null): boolean {
  if (!settings || !draft) return false;
  return JSON.stringify(inputOf(draftOf(settings))) !== JSON.stringify(inputOf(draft));
}

/** What a close request (Esc, the sheet's Close) does: close at once, or ask first. */
export type CloseRequest = 'close' | 'ask' | 'keep-editing';

/**
 * Esc or Close with unsaved typing asks "Discard your changes?"; a second Esc while asking
 * answers "Keep editing" (the safe answer: Esc never drops typing).
 */
export function answerCloseRequest(unsaved: boolean, asking: boolean): CloseRequest {
  if (!unsaved) return 'close';
  return asking ? 'keep-editing' : 'ask';
}
