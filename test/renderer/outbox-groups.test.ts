import { describe, expect, it } from 'vitest';
import { monthCount, outboxOf } from '../../src/renderer/src/outbox/outbox-groups';
import type { TextListing } from '../../src/shared/messages/messages-api';

const CHICAGO = 'America/Chicago';
// Dec 8, 2026, 10:00 AM in Chicago.
const NOW = new Date('2026-12-08T16:00:00Z');
let n = 0;
const listing = (
  status: TextListing['status'],
  at: string,
  extra: Partial<TextListing> = {},
): TextListing => ({
  id: (n++).toString(16).padStart(16, '0'),
  job_id: 'aaaaaaaaaaaaaaaa',
  customer_name: 'Maria',
  direction: 'out',
  to: '+13125550142',
  body: 'On our way',
  trigger: 'en_route',
  status,
  segments: 1,
  at,
  reason: null,
  ...extra,
});

describe("the Outbox's groups (issue 18)", () => {
  it("takes today's texts on the business's day, keeps what is still owed from before, and drops replies", () => {
    const failed = listing('failed', '2026-12-08T15:00:00Z');
    const heldLastNight = listing('held', '2026-12-08T03:30:00Z'); // Dec 7, 9:30 PM in Chicago
    const owed = listing('pending', '2026-12-08T15:59:00Z');
    const sentEarly = listing('delivered', '2026-12-08T06:30:00Z'); // 12:30 AM Dec 8: today
    const sentLate = listing('sent', '2026-12-08T15:30:00Z');
    const sentYesterday = listing('sent', '2026-12-08T05:30:00Z'); // 11:30 PM Dec 7
    const failedYesterday = listing('failed', '2026-12-07T20:00:00Z');
    const skipped = listing('opted_out', '2026-12-08T15:10:00Z');
    const reply = listing('received', '2026-12-08T15:20:00Z', { direction: 'in' });
    const groups = outboxOf(
      [
        failed,
        heldLastNight,
        owed,
        sentEarly,
        sentLate,
        sentYesterday,
        failedYesterday,
        skipped,
        reply,
      ],
      NOW,
      CHICAGO,
    );
    expect(groups.failed).toEqual([failed]);
    expect(groups.held).toEqual([heldLastNight]);
    expect(groups.owed).toEqual([owed]);
    expect(groups.sent).toEqual([sentLate, sentEarly]);
    expect(groups.not_sent).toEqual([skipped]);
  });

  it('counts the month in words', () => {
    expect(monthCount(1, 1)).toBe('1 text, 1 segment this month');
    expect(monthCount(12, 15)).toBe('12 texts, 15 segments this month');
  });
});
