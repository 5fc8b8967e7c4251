import type { TextListing } from '../../../shared/messages/messages-api';
import { dayKeyOf } from '../../../shared/zoned-time';

/** The Outbox's groups, in the order the dispatcher acts on them. */
export const OUTBOX_GROUPS = ['failed', 'held', 'owed', 'sent', 'not_sent'] as const;
export type OutboxGroup = (typeof OUTBOX_GROUPS)[number];

export const OUTBOX_GROUP_LABELS: Record<OutboxGroup, string> = {
  failed: 'Failed',
  held: 'Held (quiet hours)',
  owed: 'Owed',
  sent: 'Sent',
  not_sent: 'Not sent',
};

function groupOf(status: TextListing['status']): OutboxGroup | null {
  switch (status) {
    case 'failed':
      return 'failed';
    case 'held':
      return 'held';
    case 'pending':
    case 'sending':
      return 'owed';
    case 'sent':
    case 'delivered':
      return 'sent';
    case 'skipped':
    case 'opted_out':
      return 'not_sent';
    case 'received':
      return null;
  }
}

/**
 * Today's outbound texts across jobs, by group, newest first (issue 18's Outbox). "Today" is
 * the business's day; a text still owed or held shows whatever day it was owed, since it is
 * still to go.
 */
export function outboxOf(
  listings: readonly TextListing[],
  now: Date,
  timeZone: string,
): Record<OutboxGroup, TextListing[]> {
  const today = dayKeyOf(now, timeZone);
  const groups = Object.fromEntries(OUTBOX_GROUPS.map((g) => [g, [] as TextListing[]])) as Record<
    OutboxGroup,
    TextListing[]
  >;
  for (const listing of listings) {
    if (listing.direction !== 'out') continue;
    const group = groupOf(listing.status);
    if (group === null) continue;
    const outstanding = group === 'held' || group === 'owed';
    if (!outstanding && dayKeyOf(listing.at, timeZone) !== today) continue;
    groups[group].push(listing);
  }
  for (const group of OUTBOX_GROUPS) {
    groups[group].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  }
  return groups;
}

/** "12 texts, 15 segments this month". */
export function monthCount(texts: number, segments: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(texts, 'text')}, ${plural(segments, 'segment')} this month`;
}
