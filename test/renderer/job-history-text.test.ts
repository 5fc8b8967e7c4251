import { describe, expect, it } from 'vitest';
import { describeHistory } from '../../src/renderer/src/job-detail/history-text';
import { reopenTarget } from '../../src/renderer/src/job-detail/status-actions';
import { qrPath } from '../../src/renderer/src/job-detail/qr-code';
import type { HistoryEntry, Job } from '../../src/shared/job';

const at = (minute: number) => `2030-11-27T18:${String(minute).padStart(2, '0')}:00Z`;

describe('the history timeline', () => {
  it('says who did what, newest first: moves, corrections with reasons, edits, link changes', () => {
    const history: HistoryEntry[] = [
      { status: 'scheduled', at: at(0), event: 'created', by: 'console' },
      { status: 'en_route', at: at(1), event: 'status' },
      { status: 'scheduled', at: at(2), event: 'status', reason: 'Truck broke down' },
      { status: 'scheduled', at: at(3), event: 'edit', fields: ['phone', 'pickup_date'] },
      { status: 'scheduled', at: at(4), event: 'rotate' },
      { status: 'canceled', at: at(5) },
      { status: 'scheduled', at: at(6), reason: 'Customer called back' },
      { status: 'scheduled', at: at(7), event: 'revoke', by: 'qdn' },
    ];
    const lines = describeHistory(history);
    expect(lines.map((l) => l.what)).toEqual([
      'Revoked the tracking link',
      'Reopened as Scheduled',
      'Canceled',
      'Gave the job a new tracking link',
      'Edited phone, pickup time',
      'Moved back to Scheduled',
      'Moved to En route',
      'Created as Scheduled',
    ]);
    expect(lines[0]!.by).toBe('qdn');
    expect(lines[5]!.reason).toBe('Truck broke down');
    expect(lines[1]!.reason).toBe('Customer called back');
  });
  it('says plainly what the office did: marked done skipping steps, back several, by phone (issue 17)', () => {
    const history: HistoryEntry[] = [
      { status: 'requested', at: at(0), event: 'created', by: 'customer' },
      {
        status: 'scheduled',
        at: at(1),
        event: 'status',
        reason: 'agreed $350',
        confirmed: 'phone',
      },
      { status: 'completed', at: at(2), event: 'status', skipped: ['en_route', 'on_site'] },
      { status: 'scheduled', at: at(3), event: 'status', reason: 'wrong job marked' },
      { status: 'en_route', at: at(4), event: 'status' },
      { status: 'completed', at: at(5), event: 'status', skipped: ['on_site', 'bogus'] },
      { status: 'completed', at: at(6), event: 'edit', fields: ['price'] },
      { status: 'scheduled', at: at(7), event: 'status', reason: 'Undo' },
    ];
    const lines = describeHistory(history);
    expect(lines.map((l) => [l.what, l.reason])).toEqual([
      ['Moved back from Completed to Scheduled', 'Undo'],
      ['Edited price', null],
      ['Marked done by the office (skipped On site)', null],
      ['Moved to En route', null],
      ['Moved back from Completed to Scheduled', 'wrong job marked'],
      ['Marked done by the office (skipped En route, On site)', null],
      ['Moved to Scheduled, confirmed by phone', 'agreed $350'],
      ['Created as Requested', null],
    ]);
  });
  it('reads an old job without history, and one whose first entry has no event', () => {
    expect(describeHistory(undefined)).toEqual([]);
    expect(describeHistory([{ status: 'scheduled', at: at(0) }])[0]!.what).toBe(
      'Created as Scheduled',
    );
  });
  it('reopens a canceled job at the status it had before', () => {
    const job = {
      status: 'canceled',
      history: [
        { status: 'scheduled', at: at(0) },
        { status: 'en_route', at: at(1) },
        { status: 'canceled', at: at(2) },
      ],
    } as Job;
    expect(reopenTarget(job)).toBe('en_route');
    expect(reopenTarget({ status: 'canceled' } as Job)).toBe('scheduled');
  });
});

describe('the QR code', () => {
  it('is drawn from the module matrix only: an XSS payload in the URL becomes squares', () => {
    const { size, d } = qrPath('https://t.example/track/<img src=x onerror=alert(1)>');
    expect(size).toBeGreaterThanOrEqual(21);
    expect(d).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
  });
});
