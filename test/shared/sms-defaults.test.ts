import { describe, expect, it } from 'vitest';
import { newTrackingToken } from '../../src/core/ids/random-ids';
import type { Job } from '../../src/shared/job';
import { DEFAULT_SMS_TEMPLATES, SMS_STATUSES } from '../../src/shared/settings/settings';
import { smsForJob } from '../../src/shared/sms';
import { countSegments } from '../../src/shared/sms-segments';
import { buildTrackingUrl } from '../../src/shared/tracking-link';

/**
 * The texts a business starts with, filled as a real job fills them: through smsForJob, with
 * a token of the length the console mints and the window as a text gives it.
 */
function jobFor(customerName: string, start: string, end: string): Job {
  return {
    job_id: 'fcdc1c82cb284dbe',
    customer_name: customerName,
    address: '2250 North Lincoln Ave',
    status: 'scheduled',
    pickup_date: start,
    pickup_window_end: end,
    price: 600,
    currency: 'USD',
    tracking_token: newTrackingToken(),
    created_at: '2026-11-27T18:02:11Z',
  };
}

// A business name that is greeted whole (it is no plain person's name): 30 characters.
const LONG_NAME = "Bob's Diner & Grill Supply LLC";
const LONG_BUSINESS = 'Montgomery Junk Removal & Hauling Co LLC';
// An origin as long as a business would plausibly pick.
const LONG_BASE = 'https://track.montgomery-junk-hauling.com';
// The longest window: over two days, in another year than now (so both dates carry it),
// two-digit days and hours.
const LONG_START = '2027-12-30T17:30:00Z';
const LONG_END = '2027-12-31T18:30:00Z';
const NOW = new Date('2026-12-07T18:00:00Z');

describe('the default templates (issue 17: texts that say what they cost)', () => {
  it('take the lengths the worst case is built from', () => {
    expect(LONG_NAME).toHaveLength(30);
    expect(LONG_BUSINESS).toHaveLength(40);
    const job = jobFor(LONG_NAME, LONG_START, LONG_END);
    expect(job.tracking_token).toHaveLength(43);
    const text = smsForJob(
      job,
      {
        business: { name: LONG_BUSINESS, time_zone: 'America/Chicago' },
        link: buildTrackingUrl(LONG_BASE, job.tracking_token),
        now: NOW,
      },
      'scheduled',
    )!;
    expect(text).toContain(`Hi ${LONG_NAME},`);
    expect(text).toContain('Thu, Dec 30, 2027, 11:30 AM - Fri, Dec 31, 2027, 12:30 PM');
  });

  it.each(SMS_STATUSES)(
    'fill %s with worst-case values and stay GSM-7 in at most 2 texts',
    (status) => {
      const job = jobFor(LONG_NAME, LONG_START, LONG_END);
      const text = smsForJob(
        job,
        {
          business: { name: LONG_BUSINESS, phone: '(555) 010-0199', time_zone: 'America/Chicago' },
          link: buildTrackingUrl(LONG_BASE, job.tracking_token),
          now: NOW,
        },
        status,
      )!;
      const count = countSegments(text);
      expect(count.nonGsmCharacters, text).toEqual([]);
      expect(count.encoding).toBe('GSM-7');
      expect(count.segments, text).toBeLessThanOrEqual(2);
    },
  );

  it.each(SMS_STATUSES)('fill %s for a typical job in one GSM-7 text', (status) => {
    // The sandbox's links are shorter; an AWS origin like this one is the usual length.
    const job = jobFor('Mark Soderblom', '2026-12-10T19:00:00Z', '2026-12-10T21:00:00Z');
    const text = smsForJob(
      job,
      {
        business: { name: 'QuickDumpNow', time_zone: 'America/Chicago' },
        link: buildTrackingUrl('https://track.quickdumpnow.com', job.tracking_token),
        now: NOW,
      },
      status,
    )!;
    expect(countSegments(text), text).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('hold no character outside GSM-7 in their own words, and promise no receipt', () => {
    for (const template of Object.values(DEFAULT_SMS_TEMPLATES)) {
      expect(countSegments(template).nonGsmCharacters, template).toEqual([]);
    }
    // The page a customer opens shows no receipt (issue 18): the text does not promise one.
    expect(DEFAULT_SMS_TEMPLATES.completed).not.toMatch(/receipt/i);
    expect(DEFAULT_SMS_TEMPLATES.completed).toMatch(/Details: \{link\}$/);
  });
});
