import type { SmsStatus } from '../../../shared/settings/settings';

/**
 * The composer's text as state: which status's template it starts from, what the dispatcher
 * typed over it, and a switch to another template waiting for their answer. Pure, so the
 * rule "an edit is never dropped without asking" is tested without a browser.
 */
export interface SmsDraft {
  variant: SmsStatus;
  /** What the dispatcher typed, and the generated text it was typed over. */
  edited: { from: string; text: string } | null;
  /** The template the dispatcher picked while an edit stood: Replace or Keep editing. */
  asking: SmsStatus | null;
}

export function newSmsDraft(variant: SmsStatus): SmsDraft {
  return { variant, edited: null, asking: null };
}

/**
 * The text to show. An edit holds while the text it was made from does; when the job changes
 * under it (a new phone, a new link) the text follows the job, as it always has.
 */
export function textOf(draft: SmsDraft, generated: string): string {
  return draft.edited && draft.edited.from === generated ? draft.edited.text : generated;
}

/** Whether switching now would lose something the dispatcher typed. */
export function hasEdit(draft: SmsDraft, generated: string): boolean {
  return textOf(draft, generated) !== generated;
}

export function typed(draft: SmsDraft, generated: string, text: string): SmsDraft {
  return { ...draft, edited: { from: generated, text } };
}

/** The dispatcher picked `next`: switch at once, or ask first when an edit would go. */
export function choose(draft: SmsDraft, next: SmsStatus, generated: string): SmsDraft {
  if (next === draft.variant) return { ...draft, asking: null };
  if (hasEdit(draft, generated)) return { ...draft, asking: next };
  return { variant: next, edited: null, asking: null };
}

/** "Replace": the picked template's text, the edit gone. */
export function replaceEdit(draft: SmsDraft): SmsDraft {
  return draft.asking ? { variant: draft.asking, edited: null, asking: null } : draft;
}

/** "Keep editing": the same template and text, the question gone. */
export function keepEditing(draft: SmsDraft): SmsDraft {
  return { ...draft, asking: null };
}

/** "Reset text": the template's own text again. */
export function resetText(draft: SmsDraft): SmsDraft {
  return { ...draft, edited: null, asking: null };
}
