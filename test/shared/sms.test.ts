import { describe, expect, it } from 'vitest';
import { fillTemplate, smsForJob, smsHref, smsStatusFor } from '../../src/shared/sms';
import type { Job } from '../../src/shared/job';

const JOB: Job = {
  job_id: 'fcdc1c82cb284dbe',
  customer_name: 'Mark Soderblom',
  address: 'Soderblom Ave',
  status: 'scheduled',
  pickup_date: '2026-12-03T19:00:00Z',
  pickup_window_end: '2026-12-03T21:00:00Z',
  price: 600,
  currency: 'USD',
  tracking_token: 'Qm9vdHN0cmFwVG9rZW5Gb3JNYXJrc0pvYjAwMDAwMDA',
  created_at: '2026-11-27T18:02:11Z',
  phone: '(312) 555-0142',
};
const LINK = 'https://track.example.com/track/Qm9vdHN0cmFwVG9rZW5Gb3JNYXJrc0pvYjAwMDAwMDA';
const CONTEXT = {
  business: { name: 'QuickDumpNow', phone: '(555) 010-0199', time_zone: 'America/Chicago' },
  link: LINK,
  now: new Date('2026-11-28T12:00:00Z'),
};

describe('customer texts (issue 8 §6)', () => {
  it('fills the status’s template with the greeting name, business, window (hyphenated) and link', () => {
    expect(smsForJob(JOB, CONTEXT)).toBe(
      `Hi Mark, your QuickDumpNow pickup is Thu, Dec 3, 1:00 PM - 3:00 PM. Track it: ${LINK}`,
    );
    expect(smsForJob({ ...JOB, status: 'on_site' }, CONTEXT)).toBe(
      `Hi Mark, QuickDumpNow has arrived for your pickup. Details: ${LINK}`,
    );
  });

  it('uses the business’s own templates, with {phone}, and falls back on blank ones', () => {
    const templates = {
      en_route: 'On our way, {name}! Questions: {phone}. {link}',
      completed: ' ',
    };
    expect(smsForJob(JOB, { ...CONTEXT, templates }, 'en_route')).toBe(
      `On our way, Mark! Questions: (555) 010-0199. ${LINK}`,
    );
    expect(smsForJob(JOB, { ...CONTEXT, templates }, 'completed')).toMatch(/^Thanks Mark!/);
  });

  it('has no text for a requested or canceled job unless a status is chosen', () => {
    expect(smsStatusFor('requested')).toBeNull();
    expect(smsForJob({ ...JOB, status: 'canceled' }, CONTEXT)).toBeNull();
    expect(smsForJob({ ...JOB, status: 'canceled' }, CONTEXT, 'scheduled')).toMatch(/^Hi Mark/);
  });

  it('never expands a placeholder a value brings in (no template injection)', () => {
    const sneaky = { ...JOB, customer_name: '{link} {business}' };
    const text = smsForJob(sneaky, {
      ...CONTEXT,
      business: { ...CONTEXT.business, name: '{phone}' },
    })!;
    expect(text).toBe(
      `Hi {link} {business}, your {phone} pickup is Thu, Dec 3, 1:00 PM - 3:00 PM. Track it: ${LINK}`,
    );
    expect(fillTemplate('{name}{unknown}{NAME}', { name: '{name}' })).toBe('{name}{unknown}{NAME}');
  });

  it('keeps markup as plain text and a value on one line', () => {
    const xss = { ...JOB, customer_name: '<img src=x onerror=alert(1)>\nLine two' };
    expect(smsForJob(xss, CONTEXT)).toMatch(/^Hi <img src=x onerror=alert\(1\)> Line two, /);
  });

  it('opens the messaging app with an sms: link to the E.164 number', () => {
    expect(smsHref('(312) 555-0142', 'Hi Mark & co?')).toBe(
      'sms:+13125550142?body=Hi%20Mark%20%26%20co%3F',
    );
    expect(smsHref('javascript:alert(1)', 'x')).toBeNull();
  });
});
