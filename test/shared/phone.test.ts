import { describe, expect, it } from 'vitest';
import { checkPhone, isPhoneShaped, phoneCountryOf, phoneForLink } from '../../src/shared/phone';

describe('phone numbers (issue 8 §2)', () => {
  it.each([
    ['(312) 555-0142', '+13125550142'],
    ['312.555.0142', '+13125550142'],
    ['+1 312 555 0142', '+13125550142'],
    ['(555) 010-0199', '+15550100199'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('keeps %j as typed, with %s for links', (typed, e164) => {
    expect(checkPhone(typed)).toMatchObject({ ok: true, typed, e164 });
    expect(phoneForLink(typed)).toBe(e164);
  });

  it.each(['555 01', '12', '+1 555 0199', 'call me', '1e3', '<b>312</b>', ''])(
    'refuses %j with a clear message',
    (typed) => {
      const checked = checkPhone(typed);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.message).toMatch(/^is (not a phone number|empty)/);
      expect(phoneForLink(typed)).toBeNull();
    },
  );

  it("reads numbers without a country code in the business's country", () => {
    expect(phoneCountryOf('+44 20 7946 0000')).toBe('GB');
    expect(phoneCountryOf('(555) 010-0199')).toBe('US');
    expect(phoneCountryOf(undefined)).toBe('US');
    expect(checkPhone('020 7946 0958', 'GB')).toMatchObject({ ok: true, e164: '+442079460958' });
    expect(checkPhone('020 7946 0958', 'US').ok).toBe(false);
  });

  it('lets the schema check the shape without a country', () => {
    expect(isPhoneShaped('020 7946 0958')).toBe(true);
    expect(isPhoneShaped('+1 (312) 555-0142 ext. 12')).toBe(true);
    expect(isPhoneShaped('javascript:alert(1)')).toBe(false);
    expect(isPhoneShaped('1234')).toBe(false);
  });
});
