import { describe, expect, it } from 'vitest';
import { describeHistory } from '../../src/renderer/src/job-detail/history-text';
import type { HistoryEntry } from '../../src/shared/job';

const at = (minute: number) => `2026-12-07T18:${String(minute).padStart(2, '0')}:00Z`;

describe('history of the job panel switches (issue 18)', () => {
  it('reads texts off/on and paid/unpaid as words, not as raw values', () => {
    const history: HistoryEntry[] = [
      { status: 'scheduled', at: at(0), event: 'created' },
      ...(
        [
          ['no_texts', 'texts on', 'texts off'],
          ['no_texts', 'texts off', 'texts on'],
          ['paid_at', null, at(3)],
          ['paid_at', at(3), null],
        ] as const
      ).map(([field, from, to], i): HistoryEntry => ({
        status: 'scheduled',
        at: at(i + 1),
        event: 'edit',
        fields: [field],
        changes: { [field]: { from, to } },
      })),
    ];
    expect(describeHistory(history, 'America/Chicago').map((l) => l.what)).toEqual([
      'Marked unpaid',
      'Marked paid',
      'Texts turned on',
      'Texts turned off',
      'Created as Scheduled',
    ]);
  });
});
