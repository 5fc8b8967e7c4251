import { describe, expect, it } from 'vitest';
import { jobSchema, JOB_ID_PATTERN, TRACKING_TOKEN_PATTERN } from '../../src/shared/job';
import { canTransition, JOB_STATUSES, nextStatus } from '../../src/shared/status-flow';
import { buildTrackingUrl } from '../../src/shared/tracking-link';
import { formatMoney } from '../../src/shared/format';
import { newJobId, newTrackingToken } from '../../src/core/ids/random-ids';
import { MARK_SEED_RECORD } from '../fixtures/mark';

describe('job schema', () => {
  it("loads the seed's record for Mark unchanged", () => {
    const parsed = jobSchema.parse(structuredClone(MARK_SEED_RECORD));
    expect(parsed).toEqual(MARK_SEED_RECORD);
  });

  it('keeps fields it does not know, so newer data survives a round trip', () => {
    const parsed = jobSchema.parse({ ...MARK_SEED_RECORD, crew_truck: 'T2' });
    expect(parsed).toMatchObject({ crew_truck: 'T2' });
  });

  it('keeps unknown fields inside history entries too', () => {
    const history = [{ status: 'scheduled', at: '2026-11-27T18:02:11Z', truck: 'T2' }];
    expect(jobSchema.parse({ ...MARK_SEED_RECORD, history }).history).toEqual(history);
  });

  it('reads stored text exactly as it is (checks, never trims)', () => {
    const record = { ...MARK_SEED_RECORD, customer_name: ' Mark ', address: 'Soderblom Ave ' };
    expect(jobSchema.parse(record)).toEqual(record);
  });

  it.each([
    ['a short token', { tracking_token: 'abc123' }],
    ['an uppercase job id', { job_id: 'FCDC1C82CB284DBE' }],
    ['a price with 3 decimals', { price: 600.005 }],
    ['a negative price', { price: -1 }],
    ['an unknown status', { status: 'lost' }],
    ['a pickup date that is not ISO 8601', { pickup_date: 'this afternoon' }],
    ['a lowercase currency', { currency: 'usd' }],
    ['a blank name', { customer_name: '   ' }],
  ])('refuses %s', (_label, patch) => {
    expect(jobSchema.safeParse({ ...MARK_SEED_RECORD, ...patch }).success).toBe(false);
  });
});

describe('status flow', () => {
  it('moves forward one step at a time and ends at completed', () => {
    expect(nextStatus('requested')).toBe('scheduled');
    expect(nextStatus('scheduled')).toBe('en_route');
    expect(nextStatus('en_route')).toBe('on_site');
    expect(nextStatus('on_site')).toBe('completed');
    expect(nextStatus('completed')).toBeNull();
    expect(canTransition('scheduled', 'on_site')).toBe(false);
    expect(canTransition('en_route', 'scheduled')).toBe(false);
  });

  it('cancels from every open status and from no closed one', () => {
    for (const s of JOB_STATUSES) {
      expect(canTransition(s, 'canceled')).toBe(s !== 'completed' && s !== 'canceled');
    }
  });
});

describe('ids and tokens', () => {
  it('mints 16-hex job ids and ≥ 32-char base64url tokens, all distinct', () => {
    const ids = new Set(Array.from({ length: 500 }, newJobId));
    const tokens = new Set(Array.from({ length: 500 }, newTrackingToken));
    expect(ids.size).toBe(500);
    expect(tokens.size).toBe(500);
    for (const id of ids) expect(id).toMatch(JOB_ID_PATTERN);
    for (const t of tokens) {
      expect(t).toMatch(TRACKING_TOKEN_PATTERN);
      expect(t.length).toBeGreaterThanOrEqual(43); // 256 bits
    }
  });
});

describe('tracking links and money', () => {
  it('builds /track/<token> under the public base, with or without a path or trailing slash', () => {
    expect(buildTrackingUrl('https://quickdumpnow.com', 'abc')).toBe(
      'https://quickdumpnow.com/track/abc',
    );
    expect(buildTrackingUrl('https://quickdumpnow.com/', 'abc')).toBe(
      'https://quickdumpnow.com/track/abc',
    );
    expect(buildTrackingUrl('http://127.0.0.1:4780/x/?q=1#f', 'abc')).toBe(
      'http://127.0.0.1:4780/x/track/abc',
    );
  });

  it('formats money with Intl', () => {
    expect(formatMoney(600, 'USD', 'en-US')).toBe('$600.00');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });
});
