import { describe, expect, it } from 'vitest';
import { fromZonedInput, toZonedInput } from '../../src/shared/zoned-time';
import {
  baseOf,
  changesOf,
  draftOf,
  fieldErrors,
  listFields,
  pastPickupWarning,
  reconcile,
  snapshotOf,
} from '../../src/renderer/src/job-detail/edit-model';
import type { Job } from '../../src/shared/job';

const CHICAGO = 'America/Chicago';
const mark: Job = {
  job_id: 'fcdc1c82cb284dbe',
  customer_name: 'Mark',
  address: 'Soderblom Ave',
  status: 'scheduled',
  pickup_date: '2030-11-27T21:00:00Z',
  price: 600,
  currency: 'USD',
  tracking_token: 'a'.repeat(43),
  created_at: '2026-11-27T18:02:11Z',
  phone: '(312) 555-0142',
};

describe('pickup times on the business’s clocks', () => {
  it('reads and writes datetime-local values in the business zone, whatever the machine’s', () => {
    expect(toZonedInput('2030-11-27T21:00:00Z', CHICAGO)).toBe('2030-11-27T15:00');
    expect(fromZonedInput('2030-11-27T15:00', CHICAGO)).toBe('2030-11-27T21:00:00.000Z');
    expect(toZonedInput('2030-07-01T17:30:00Z', CHICAGO)).toBe('2030-07-01T12:30');
    expect(fromZonedInput('2030-07-01T12:30', CHICAGO)).toBe('2030-07-01T17:30:00.000Z');
    expect(fromZonedInput('2030-07-01T12:30', 'Asia/Kolkata')).toBe('2030-07-01T07:00:00.000Z');
  });
  it('round-trips every hour across a DST change, and gives nothing for nothing', () => {
    for (let h = 0; h < 48; h++) {
      const iso = new Date(Date.UTC(2030, 2, 9, 12 + h)).toISOString();
      expect(fromZonedInput(toZonedInput(iso, CHICAGO), CHICAGO)).toBe(iso);
    }
    expect(toZonedInput(undefined, CHICAGO)).toBe('');
    expect(fromZonedInput('', CHICAGO)).toBe('');
  });
});

describe('the edit form as data', () => {
  it('sends only what changed, with the values it started from as base', () => {
    const start = snapshotOf(mark);
    const draft = { ...draftOf(start, CHICAGO), phone: '+1 312 555 0199', notes: 'Gate code 4411' };
    const changes = changesOf(draft, start, CHICAGO);
    expect(changes).toEqual({ phone: '+1 312 555 0199', notes: 'Gate code 4411' });
    expect(baseOf(changes, start)).toEqual({ phone: '(312) 555-0142', notes: null });
    expect(listFields(['phone', 'notes'])).toBe('phone and notes');
    expect(listFields(['customer_name', 'phone', 'notes'])).toBe('name, phone and notes');
  });
  it('clears an optional field with null and reads a pickup typed in Chicago time', () => {
    const start = snapshotOf(mark);
    const draft = { ...draftOf(start, CHICAGO), phone: '  ', pickup_date: '2030-11-27T16:00' };
    expect(changesOf(draft, start, CHICAGO)).toEqual({
      phone: null,
      pickup_date: '2030-11-27T22:00:00.000Z',
    });
  });
  it('checks each changed field with the shared schema as the dispatcher types', () => {
    const start = snapshotOf(mark);
    const draft = {
      ...draftOf(start, CHICAGO),
      customer_name: ' ',
      email: 'not-an-email',
      price: '1e3',
      currency: 'XYZ',
      phone: '<img src=x>',
    };
    const errors = fieldErrors(changesOf(draft, start, CHICAGO), start, draft);
    expect(errors.customer_name).toBe('is required');
    expect(errors.email).toBe('is not an email address');
    expect(errors.price).toMatch(/plain digits/);
    expect(errors.currency).toBe('is not an ISO 4217 currency code');
    expect(errors.phone).toMatch(/is not a phone number/);
  });
  it('refuses a window that ends before it starts, and warns about a pickup in the past', () => {
    const start = snapshotOf(mark);
    const draft = { ...draftOf(start, CHICAGO), pickup_window_end: '2030-11-27T14:00' };
    const changes = changesOf(draft, start, CHICAGO);
    expect(fieldErrors(changes, start, draft).pickup_window_end).toBe(
      'must be after the pickup start',
    );
    const past = { ...draftOf(start, CHICAGO), pickup_date: '2020-01-02T09:00' };
    expect(pastPickupWarning(changesOf(past, start, CHICAGO), start, CHICAGO)).toMatch(
      /is in the past/,
    );
    expect(pastPickupWarning({ phone: null }, start, CHICAGO)).toBeNull();
  });
  it('lets untouched fields follow a change made elsewhere and asks about typed ones', () => {
    const start = snapshotOf(mark);
    const draft = { ...draftOf(start, CHICAGO), phone: '+1 312 555 0100' };
    const theirs = snapshotOf({ ...mark, phone: '+1 312 555 0111', address: '1 Elm St' });
    const next = reconcile(draft, start, theirs, CHICAGO);
    expect(next.draft.address).toBe('1 Elm St');
    expect(next.start.address).toBe('1 Elm St');
    expect(next.draft.phone).toBe('+1 312 555 0100');
    expect(next.conflicts).toEqual([{ field: 'phone', theirs: '+1 312 555 0111' }]);
    // Typing what was saved meanwhile settles it.
    const same = reconcile({ ...draft, phone: '+1 312 555 0111' }, start, theirs, CHICAGO);
    expect(same.conflicts).toEqual([]);
  });
});
