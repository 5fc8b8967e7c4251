import { QdnError } from '../../shared/errors';
import type { TextRecord } from '../../shared/messages/text-record';
import { MAX_TEXTS_PER_JOB } from '../../shared/messages/text-record';
import { newJobId } from '../ids/random-ids';

/**
 * Whether a text still has to go: outbound and not yet answered by the provider. The cap must
 * never drop one, or the customer is owed a text no flush will ever find.
 */
export function isOwedText(text: TextRecord): boolean {
  return text.direction === 'out' && (text.state === 'pending' || text.state === 'sending');
}

/**
 * A job's texts with one more. Past the cap the schema keeps, the oldest settled texts go
 * (sent, delivered, replies…); an owed text is kept, since dropping it loses the text for good.
 */
export function appendText(texts: readonly TextRecord[], text: TextRecord): TextRecord[] {
  const next = [...texts, text];
  let excess = next.length - MAX_TEXTS_PER_JOB;
  if (excess <= 0) return next;
  const kept = next.filter((t) => {
    if (excess > 0 && t !== text && !isOwedText(t)) {
      excess -= 1;
      return false;
    }
    return true;
  });
  if (excess > 0) {
    // Only reachable with 100 texts all still owed: refusing is better than losing one.
    throw new QdnError(
      'conflict',
      `This job already has ${MAX_TEXTS_PER_JOB} texts waiting to go; send or skip them first.`,
    );
  }
  return kept;
}

/** A fresh text id no text of the job has (ids also name claims, so they must not repeat). */
export function unusedTextId(texts: readonly TextRecord[], newId: () => string = newJobId): string {
  const ids = new Set(texts.map((t) => t.id));
  let id = newId();
  while (ids.has(id)) id = newId();
  return id;
}
