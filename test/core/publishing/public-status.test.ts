import { describe, expect, it } from 'vitest';
import { greetingName, toPublicStatus } from '../../../src/core/publishing/public-status';
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
      address: 'Soderblom Ave 12, Apt 3, Springfield 12345',
      pickup: { start: '2026-11-27T21:00:00Z', end: '2026-11-27T23:00:00Z' },
      price: { amount: 600, currency: 'USD' },
      business,
      updated_at: '2026-11-27T20:40:00Z',
    });
    expect(doc.timeline.map((t) => t.label)).toEqual(['Scheduled', 'En route']);
  });

  it('never carries contact details, notes, assignee or job id', () => {
    const text = JSON.stringify(toPublicStatus(fullJob, business));
    for (const secret of [
      '555 0199',
      'mark@example.com',
      'Gate code',
      'Dana',
      'Whitfield',
      'fcdc1c82cb284dbe',
      'Soderblom-Jones',
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

describe('what a customer recognises', () => {
  it('keeps an address with commas exactly as the dispatcher entered it', () => {
    const doc = toPublicStatus(
      { ...MARK_SEED_RECORD, address: 'Apt 4B, 2250 North Lincoln Ave' },
      business,
    );
    expect(doc.address).toBe('Apt 4B, 2250 North Lincoln Ave');
  });

  it.each([
    ['Mark', 'Mark'],
    ['Mark Soderblom-Jones', 'Mark'],
    ["Sean O'Brien", 'Sean'],
    ["Bob's Diner", "Bob's Diner"],
    ['Acme Services LLC', 'Acme Services LLC'],
    ['The Lincoln Cafe', 'The Lincoln Cafe'],
    ['ACME', 'ACME'],
    ['  Dana   Whitfield ', 'Dana'],
  ])('greets %j as %j', (name, greeting) => {
    expect(greetingName(name)).toBe(greeting);
  });

  it("carries the business's time zone, and a requested job says whether its quote is ready", () => {
    const tz = { ...business, time_zone: 'America/Chicago' };
    const requested = toPublicStatus({ ...MARK_SEED_RECORD, status: 'requested' }, tz);
    expect(requested.business.time_zone).toBe('America/Chicago');
    expect(requested.quote_ready).toBe(false);
    const quoted = toPublicStatus(
      { ...MARK_SEED_RECORD, status: 'requested', quoted_at: '2026-11-28T10:00:00Z' },
      tz,
    );
    expect(quoted.quote_ready).toBe(true);
    expect(toPublicStatus(MARK_SEED_RECORD, tz)).not.toHaveProperty('quote_ready');
  });
});

describe('what a finished job tells its customer', () => {
  const canceled: Job = {
    ...fullJob,
    status: 'canceled',
    history: [
      { status: 'scheduled', at: '2026-11-27T18:02:11Z', by: 'dispatcher' },
      // A correction's reason is the office's own note, never the customer's to read.
      {
        status: 'en_route',
        at: '2026-11-27T20:40:00Z',
        by: 'Dana',
        reason: 'Dana called 555 0199',
      },
      { status: 'canceled', at: '2026-11-27T21:00:00Z', by: 'Dana', reason: 'Truck broke down' },
    ],
  };

  it("a cancel carries the office's reason for it, and only that entry carries a reason", () => {
    const doc = toPublicStatus(canceled, business);
    expect(doc.timeline.at(-1)).toEqual({
      status: 'canceled',
      label: 'Canceled',
      at: '2026-11-27T21:00:00Z',
      reason: 'Truck broke down',
    });
    expect(doc.timeline.filter((t) => 'reason' in t)).toHaveLength(1);
    expect(doc).not.toHaveProperty('receipt');
    const text = JSON.stringify(doc);
    for (const secret of ['555 0199', 'mark@example.com', 'Gate code', 'Dana', 'Whitfield']) {
      expect(text).not.toContain(secret);
    }
  });

  it('a completed job carries a receipt: the service agreed, and paid only with paid_at', () => {
    const done: Job = { ...fullJob, status: 'completed' };
    expect(toPublicStatus(done, business).receipt).toEqual({
      service: 'Garage clean-out',
      paid: false,
    });
    const paid = toPublicStatus({ ...done, paid_at: '2026-11-27T23:30:00Z' }, business);
    expect(paid.receipt).toEqual({ service: 'Garage clean-out', paid: true });
    const { service: _none, ...unnamed } = done;
    expect(toPublicStatus(unnamed, business).receipt).toEqual({ paid: false });
    // Still never the customer's contacts, the notes, the assignee or the job's id.
    const text = JSON.stringify(paid);
    for (const secret of [
      '555 0199',
      'mark@example.com',
      'Gate code',
      'Dana',
      'Whitfield',
      'fcdc1c82cb284dbe',
      'paid_at',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('an open job carries no receipt', () => {
    expect(toPublicStatus(fullJob, business)).not.toHaveProperty('receipt');
  });
});
