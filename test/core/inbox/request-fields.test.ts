import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSuspectFlag,
  requestFieldProblem,
  requestProblems,
  suspectFlags,
} from '../../../src/shared/inbox/request-fields';
import type { RequestField, RequestFieldValues } from '../../../src/shared/inbox/request-fields';
import { requestSubmissionSchema } from '../../../src/shared/inbox/submission';
import { check } from '../../properties/property-runs';

const GOOD: Required<RequestFieldValues> = {
  name: "Bob's Diner",
  phone: '+1 312 555 0142',
  address: 'Apt 4B, 2250 North Lincoln Ave',
  service: 'Furniture',
  date: '2026-12-03',
  window: 'morning',
  notes: 'Donation=yes please',
};

function asSubmission(values: RequestFieldValues) {
  return {
    schema: 1,
    kind: 'request',
    id: 'req-aaaaaaaaaaaaaaaa',
    submitted_at: '2026-11-28T14:59:00Z',
    ...values,
  };
}

describe('the booking form’s field rules (the page’s and ingest’s)', () => {
  it.each<[RequestField, string, string | null]>([
    ['name', '', 'Please enter your name.'],
    ['name', 'x'.repeat(201), 'Please keep this to 200 characters (it has 201).'],
    ['name', 'Bob <b>the</b> builder', 'Please remove “<b”: we can only take plain text.'],
    ['phone', '312 555 0142', null],
    ['phone', '(312) 555-0142', null],
    ['phone', 'call me', 'Please enter a phone number in digits, such as +1 312 555 0142.'],
    ['phone', '555-01', 'Please enter a phone number in digits, such as +1 312 555 0142.'],
    ['phone', '+-------', 'Please enter a phone number in digits, such as +1 312 555 0142.'],
    ['address', 'Condo=', null],
    ['service', '', 'Please choose what to haul.'],
    ['date', '2026-02-29', 'Please choose a date.'],
    ['date', '2028-02-29', null],
    ['date', 'tomorrow', 'Please choose a date.'],
    ['window', 'noon', 'Please choose a time of day.'],
    ['window', 'constructor', 'Please choose a time of day.'],
    ['window', 'evening', null],
    ['notes', '', null],
    ['notes', 'Monday=fine', null],
    ['notes', 'javascript:alert(1)', 'Please remove “javascript:”: we can only take plain text.'],
  ])('%s %j → %j', (field, value, message) => {
    expect(requestFieldProblem(field, value)).toBe(message);
  });

  it('lists every bad field in the order of the form', () => {
    expect(requestProblems({ ...GOOD, name: ' ', window: 'x', phone: 'no' })).toEqual([
      { field: 'name', message: 'Please enter your name.' },
      { field: 'phone', message: expect.stringContaining('phone number') },
      { field: 'window', message: 'Please choose a time of day.' },
    ]);
  });

  it('refuses at ingest exactly what the page refuses, with the page’s words (properties)', () => {
    const fieldValue = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('', ' ', '<script>', 'a<b', 'Monday=fine', '+1 312 555 0142', '2026-12-03'),
      fc.constantFrom('morning', 'any', 'javascript:x', 'x" onerror="y', 'data:,x', '<3'),
    );
    const values = fc.record(
      {
        name: fieldValue,
        phone: fieldValue,
        address: fieldValue,
        service: fieldValue,
        date: fieldValue,
        window: fieldValue,
        notes: fieldValue,
      },
      { requiredKeys: [] },
    );
    void check(
      fc.property(values, (partial) => {
        const sent = { ...GOOD, ...partial };
        // The page leaves an empty note out of the document (site/src/book.ts).
        if (sent.notes.trim() === '') delete (sent as RequestFieldValues).notes;
        const page = requestProblems(sent);
        const ingest = requestSubmissionSchema.safeParse(asSubmission(sent));
        expect(ingest.success).toBe(page.length === 0);
        const refused = (ingest.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);
        expect(refused).toEqual(page.map((p) => [p.field, p.message]));
      }),
    );
  });

  it('flags, never drops, what a bot might have sent', () => {
    expect(suspectFlags(5_000, '')).toEqual([]);
    expect(suspectFlags(900, '')).toEqual(['filled_in_0s']);
    expect(suspectFlags(2_400, 'ACME Inc')).toEqual(['honeypot', 'filled_in_2s']);
    for (const flag of ['honeypot', 'filled_in_0s', 'filled_in_2s']) {
      expect(
        requestSubmissionSchema.safeParse(
          asSubmission({ ...GOOD, suspect: [flag] } as RequestFieldValues),
        ).success,
      ).toBe(true);
    }
    expect(describeSuspectFlag('filled_in_2s')).toBe(
      'it was sent 2 s after the page opened (autofill, or a bot)',
    );
    expect(describeSuspectFlag('filled_in_0s')).toContain('under a second');
    expect(describeSuspectFlag('honeypot')).toContain('hidden field');
  });
});
