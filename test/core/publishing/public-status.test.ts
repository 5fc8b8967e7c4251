import { describe, expect, it } from 'vitest';
import { toPublicStatus } from '../../../src/core/publishing/public-status';
import type { Job } from '../../../src/shared/job';
import { MARK_SEED_RECORD } from '../../fixtures/mark';

const business = { name: 'QuickDumpNow', phone: '+1 555 0100' };

const fullJob: Job = {
  ...MARK_SEED_RECORD,
  customer_name: 'Mark Soderblom-Jones',
  address: 'Soderblom Ave 12, Apt 3, Springfield 12345',
  phone: '+1 555 0199',
  email: 'mark@example.com',
  notes: 'Gate code 4411; dog in yard',
  assigned_to: 'Dana Whitfield',
  service: 'Garage clean-out',
  pickup_window_end: '2026-11-27T23:00:00Z',
  history: [
    { status: 'scheduled', at: '2026-11-27T18:02:11Z', by: 'dispatcher' },
    { status: 'en_route', at: '2026-11-27T20:40:00Z', by: 'dispatcher' },
  ],
  status: 'en_route',
  updated_at: '2026-11-27T20:40:00Z',
};

describe('public status document', () => {
  it('holds exactly the allow-listed fields', () => {
    const doc = toPublicStatus(fullJob, business);
    expect(Object.keys(doc).sort()).toEqual(
      [
        'address',
        'business',
        'first_name',
        'pickup',
        'price',
        'schema',
        'status',
        'status_label',
        'timeline',
        'updated_at',
      ].sort(),
    );
    expect(doc).toMatchObject({
      first_name: 'Mark',
      status: 'en_route',
      status_label: 'En route',
      address: 'Soderblom Ave 12',
      pickup: { start: '2026-11-27T21:00:00Z', end: '2026-11-27T23:00:00Z' },
      price: { amount: 600, currency: 'USD' },
      business,
      updated_at: '2026-11-27T20:40:00Z',
    });
    expect(doc.timeline.map((t) => t.label)).toEqual(['Scheduled', 'En route']);
  });

  it('never carries contact details, notes, assignee, job id or the rest of the address', () => {
    const text = JSON.stringify(toPublicStatus(fullJob, business));
    for (const secret of [
      '555 0199',
      'mark@example.com',
      'Gate code',
      'Dana',
      'Whitfield',
      'fcdc1c82cb284dbe',
      'Soderblom-Jones',
      'Springfield',
      'Apt 3',
      'dispatcher',
      'Garage',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it("gives Mark's seed record (no history) a one-step timeline from its creation", () => {
    const doc = toPublicStatus(MARK_SEED_RECORD, { name: 'QuickDumpNow' });
    expect(doc.timeline).toEqual([
      { status: 'scheduled', label: 'Scheduled', at: '2026-11-27T18:02:11Z' },
    ]);
    expect(doc.business).toEqual({ name: 'QuickDumpNow' });
    expect(doc.updated_at).toBe('2026-11-27T18:02:11Z');
  });
});
