import type { Job } from '../../../shared/job';
import type { TextListing } from '../../../shared/messages/messages-api';
import { optKeyword } from '../../../shared/messages/opt-out-keywords';
import type { TextRecord } from '../../../shared/messages/text-record';

/**
 * A job's texts as the dispatcher reads them on its panel (issue 18, "What the dispatcher
 * sees"): each text's state in words with an icon that is not colour alone, its time on the
 * business's clocks, and its segments, oldest first so the newest reply is at the bottom.
 */

/** How a state looks: the icon is a character, so it reads without colour; `tone` colours it. */
export type TextTone = 'ok' | 'wait' | 'bad' | 'off' | 'in';

export interface TextLine {
  id: string;
  direction: 'out' | 'in';
  body: string | null;
  /** "Delivered", "Failed: Unreachable destination", "Held: quiet hours until 8:00 AM". */
  state: string;
  icon: string;
  tone: TextTone;
  /** "Dec 8, 10:12 AM" on the business's clocks. */
  when: string;
  at: string;
  /** "1 text", "2 texts", or null when not counted yet (a text still owed). */
  segments: string | null;
  /** A customer's reply the dispatcher has not seen. */
  unread: boolean;
}

/** What the panel knows beyond the record: core's listing says when a pending text is held. */
export interface TextContext {
  timeZone: string;
  /** listTexts' answer, by text id (its `held` status and reason). */
  listings?: ReadonlyMap<string, Pick<TextListing, 'status' | 'reason'>>;
}

/** The words and icon of a text's state. */
export function stateWords(
  text: Pick<TextRecord, 'state' | 'reason' | 'read_at' | 'direction'>,
  listing?: Pick<TextListing, 'status' | 'reason'>,
): { state: string; icon: string; tone: TextTone } {
  const why = (fallback: string) => text.reason?.trim() || listing?.reason?.trim() || fallback;
  switch (text.state) {
    case 'pending':
      if (listing?.status === 'held') {
        // Core says "quiet hours until 8:00 AM" (src/core/operations/messages-api.ts).
        const until = /^quiet hours until (.+)$/.exec(why(''))?.[1];
        const state = until ? `Held until ${until} (quiet hours)` : `Held: ${why('quiet hours')}`;
        return { state, icon: '◷', tone: 'wait' };
      }
      return { state: 'Waiting to send', icon: '◷', tone: 'wait' };
    case 'sending':
      return { state: 'Sending', icon: '↗', tone: 'wait' };
    case 'sent':
      return { state: 'Sent', icon: '✓', tone: 'ok' };
    case 'delivered':
      return { state: 'Delivered', icon: '✓✓', tone: 'ok' };
    case 'failed':
      return { state: `Failed: ${why('no reason given')}`, icon: '✕', tone: 'bad' };
    case 'skipped':
      return { state: `Skipped: ${why('not sent')}`, icon: '–', tone: 'off' };
    case 'opted_out':
      return { state: 'Opted out', icon: '⊘', tone: 'off' };
    case 'received':
      return text.read_at
        ? { state: 'Reply', icon: '↙', tone: 'in' }
        : { state: 'New reply', icon: '●', tone: 'in' };
  }
}

/** "Dec 8, 10:12 AM" in the business's zone. */
export function textTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** When a text happened for the conversation: sent when it went, else when owed or arrived. */
const shownAt = (text: TextRecord) => text.sent_at ?? text.at;

/** The job's texts, oldest first (a stable order for texts of the same instant). */
export function conversationOf(job: Pick<Job, 'texts'>, context: TextContext): TextLine[] {
  const texts = (job.texts ?? []).map((text, index) => ({ text, index }));
  texts.sort(
    (a, b) => Date.parse(shownAt(a.text)) - Date.parse(shownAt(b.text)) || a.index - b.index,
  );
  return texts.map(({ text }) => {
    const words = stateWords(text, context.listings?.get(text.id));
    const at = shownAt(text);
    return {
      id: text.id,
      direction: text.direction,
      body: text.body ?? null,
      ...words,
      when: textTime(at, context.timeZone),
      at,
      segments:
        text.direction === 'out' && text.segments !== undefined && text.segments > 0
          ? `${text.segments} ${text.segments === 1 ? 'text' : 'texts'}`
          : null,
      unread: text.state === 'received' && !text.read_at,
    };
  });
}

/** Whether the job has a reply the dispatcher has not seen (the panel marks them read). */
export function hasUnread(job: Pick<Job, 'texts'>): boolean {
  return (job.texts ?? []).some((t) => t.state === 'received' && !t.read_at);
}

/** The opt-out keyword a reply is ("STOP"), or null for an ordinary reply or a START. */
export function stopWordOf(body: string | undefined): string | null {
  const match = optKeyword(body ?? '');
  return match?.kind === 'stop' ? match.keyword : null;
}

export interface OptOutNote {
  /** "Texted STOP on Dec 8 — automatic texts are off until they text START". */
  text: string;
}

/**
 * Whether the job's customer opted out, and the words the panel shows. `e164` is the job's
 * phone as E.164 (null: none); `optedOut` is core's list of opted-out numbers.
 */
export function optOutNote(
  job: Pick<Job, 'texts'>,
  e164: string | null,
  optedOut: readonly string[],
  timeZone: string,
): OptOutNote | null {
  // The customer's latest keyword on this job: a START after a STOP undoes it.
  const latest = (job.texts ?? [])
    .filter((t) => t.state === 'received' && optKeyword(t.body ?? '') !== null)
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  const stop = latest && stopWordOf(latest.body) ? latest : undefined;
  const listed = e164 !== null && optedOut.includes(e164);
  if (!listed && !stop) return null;
  const until = 'automatic texts are off until they text START';
  if (!stop) return { text: `Opted out of texts — ${until}` };
  const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone });
  return { text: `Texted ${stopWordOf(stop.body)} on ${day.format(new Date(stop.at))} — ${until}` };
}
