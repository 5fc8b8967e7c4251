import { describe, expect, it } from 'vitest';
import { parsePublicStatus } from '../../site/src/public-status-check';
import type { PublicStatus } from '../../src/shared/public-status';

const GOOD: PublicStatus = {
  schema: 1,
  first_name: 'Mark',
  status: 'scheduled',
  status_label: 'Scheduled',
  pickup: { start: '2026-11-27T13:00:00-05:00', end: '2026-11-27T15:00:00-05:00' },
  address: '12 Elm St',
  price: { amount: 600, currency: 'USD' },
  timeline: [{ status: 'scheduled', label: 'Scheduled', at: '2026-11-20T10:00:00Z' }],
  business: { name: 'QuickDumpNow', phone: '+1 555 010 0199' },
  updated_at: '2026-11-20T10:00:00Z',
};

function without(key: string): unknown {
  const copy: Record<string, unknown> = { ...GOOD };
  delete copy[key];
  return copy;
}

describe('parsePublicStatus (the tracking page trusts nothing from the network)', () => {
  it('accepts a full document and one without the optional fields', () => {
    expect(parsePublicStatus(GOOD)).toEqual(GOOD);
    const minimal = { ...GOOD, pickup: { start: GOOD.pickup.start }, business: { name: 'Q' } };
    expect(parsePublicStatus(minimal)).toEqual(minimal);
  });

  it.each([
    ['null', null],
    ['an array', [GOOD]],
    ['a string', 'ok'],
    ['another schema', { ...GOOD, schema: 2 }],
    ['no first_name', without('first_name')],
    ['an unknown status', { ...GOOD, status: 'lost' }],
    ['a numeric status_label', { ...GOOD, status_label: 3 }],
    ['no address', without('address')],
    ['a bad pickup start', { ...GOOD, pickup: { start: 'soon' } }],
    ['a bad pickup end', { ...GOOD, pickup: { start: GOOD.pickup.start, end: 5 } }],
    ['a string price', { ...GOOD, price: { amount: '600', currency: 'USD' } }],
    ['an infinite price', { ...GOOD, price: { amount: Infinity, currency: 'USD' } }],
    ['a bad currency', { ...GOOD, price: { amount: 600, currency: 'dollars' } }],
    ['no business', without('business')],
    ['a numeric phone', { ...GOOD, business: { name: 'Q', phone: 5550100 } }],
    ['a timeline object', { ...GOOD, timeline: {} }],
    ['a bad timeline entry', { ...GOOD, timeline: [{ status: 'scheduled', label: 'S', at: 'x' }] }],
    ['a bad updated_at', { ...GOOD, updated_at: 'yesterday' }],
  ])('rejects %s', (_name, value) => {
    expect(parsePublicStatus(value)).toBeNull();
  });
});

describe('parsePublicStatus: the receipt and the reason of a cancel', () => {
  const cancel = { status: 'canceled', label: 'Canceled', at: '2026-11-21T10:00:00Z' } as const;

  it('accepts a completed job’s receipt and a cancel with the office’s reason', () => {
    const done = { ...GOOD, status: 'completed', receipt: { service: 'Sofa', paid: true } };
    expect(parsePublicStatus(done)).toEqual(done);
    const off = { ...GOOD, timeline: [{ ...cancel, reason: 'Truck broke down' }] };
    expect(parsePublicStatus(off)).toEqual(off);
  });

  it.each([
    ['a receipt without paid', { ...GOOD, receipt: { service: 'Sofa' } }],
    ['a receipt paid "yes"', { ...GOOD, receipt: { paid: 'yes' } }],
    ['a receipt with a numeric service', { ...GOOD, receipt: { paid: false, service: 7 } }],
    ['a numeric reason', { ...GOOD, timeline: [{ ...cancel, reason: 7 }] }],
  ])('refuses %s', (_name, doc) => {
    expect(parsePublicStatus(doc)).toBeNull();
  });
});
