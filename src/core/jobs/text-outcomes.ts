import { QdnError } from '../../shared/errors';
import type { Job } from '../../shared/job';
import type { TextRecord, TextState } from '../../shared/messages/text-record';
import { jobChange } from './job-changes';
import type { JobsChange } from './job-changes';
import { appendText } from './text-append';

/** What a sender learnt about one text, to write on its job. */
export type TextOutcome = Partial<
  Pick<
    TextRecord,
    'state' | 'body' | 'to' | 'segments' | 'encoding' | 'sent_at' | 'provider_id' | 'reason'
  >
> & { state: TextState };

/**
 * Writes a text's outcome on its job, when the text is still in one of `from` (as read at the
 * write: a lost race re-runs this on the job as it is then, so a text another console has
 * recorded meanwhile is left alone). Null `result`'s job: nothing to change, nothing written.
 */
export function recordTextOutcome(
  jobId: string,
  textId: string,
  outcome: TextOutcome,
  from: readonly TextState[],
  now: Date,
): JobsChange<Job> {
  return jobChange(jobId, (current) => {
    const texts = current.texts ?? [];
    const index = texts.findIndex((t) => t.id === textId);
    const text = texts[index];
    if (!text || !from.includes(text.state)) return null;
    const next = [...texts];
    next[index] = { ...text, ...outcome, updated_at: now.toISOString() };
    return { ...current, texts: next };
  });
}

/** A manual text (or a status's template sent by hand) added to its job as owed, to send now. */
export function addManualText(jobId: string, text: TextRecord): JobsChange<Job> {
  return jobChange(jobId, (current) => {
    if ((current.texts ?? []).some((t) => t.id === text.id)) return null;
    if (text.direction !== 'out') throw new QdnError('internal', 'A manual text goes out.');
    return { ...current, texts: appendText(current.texts ?? [], text) };
  });
}

/** Marks the job's replies read (the dispatcher has seen them); null when none was unread. */
export function markRepliesRead(jobId: string, now: Date): JobsChange<Job> {
  return jobChange(jobId, (current) => {
    const at = now.toISOString();
    let changed = false;
    const texts = (current.texts ?? []).map((t) => {
      if (t.direction !== 'in' || t.read_at !== undefined) return t;
      changed = true;
      return { ...t, read_at: at };
    });
    return changed ? { ...current, texts } : null;
  });
}
