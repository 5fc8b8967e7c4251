import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/shared/settings/settings';
import { draftOf } from '../../src/renderer/src/settings/settings-form';
import {
  answerCloseRequest,
  hasUnsavedEdits,
} from '../../src/renderer/src/settings/unsaved-settings';

const saved = settingsSchema.parse({ mode: 'sandbox' });

describe('unsaved Settings', () => {
  it('is unsaved only while the form differs from what was read', () => {
    const draft = draftOf(saved);
    expect(hasUnsavedEdits(saved, draft)).toBe(false);
    draft.business.name = 'QuickDumpNow Dispatch West';
    expect(hasUnsavedEdits(saved, draft)).toBe(true);
    draft.business.name = saved.business.name;
    expect(hasUnsavedEdits(saved, draft)).toBe(false);
    draft.crew.push({ name: 'Luis', kind: 'driver' });
    expect(hasUnsavedEdits(saved, draft)).toBe(true);
  });
  it('counts a zone typed with a stray space as no change (Save would write the same)', () => {
    const draft = draftOf(saved);
    draft.business.time_zone = `${saved.business.time_zone} `;
    expect(hasUnsavedEdits(saved, draft)).toBe(false);
  });
  it('has nothing unsaved before the settings are read', () => {
    expect(hasUnsavedEdits(null, draftOf(saved))).toBe(false);
    expect(hasUnsavedEdits(saved, null)).toBe(false);
  });
  it('closes at once with nothing typed, asks with typing, and a second Esc keeps editing', () => {
    expect(answerCloseRequest(false, false)).toBe('close');
    expect(answerCloseRequest(true, false)).toBe('ask');
    expect(answerCloseRequest(true, true)).toBe('keep-editing');
  });
});
