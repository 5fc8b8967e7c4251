import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CountryCode } from 'libphonenumber-js';

/**
 * Customers' phone numbers (issue 8 §2): kept as the dispatcher typed them ("(312) 555-0142"),
 * checked with libphonenumber-js, and turned into E.164 ("+13125550142") only for links
 * (`sms:`, `tel:`). A number typed without a country code is read in the business's country.
 */

export const DEFAULT_PHONE_COUNTRY: CountryCode = 'US';

export const PHONE_EXAMPLE = '+1 312 555 0142';

export type PhoneCheck =
  | { ok: true; typed: string; e164: string; country: CountryCode | null }
  | { ok: false; message: string };

/**
 * Whether `typed` can be a phone number (its length fits a numbering plan: "possible", not
 * "assigned" — sample numbers such as 555-0100 stay usable) and its E.164 form.
 */
export function checkPhone(
  typed: string,
  country: CountryCode = DEFAULT_PHONE_COUNTRY,
): PhoneCheck {
  const text = typed.trim();
  if (text === '') return { ok: false, message: 'is empty' };
  if (!PHONE_SHAPE.test(text)) {
    return { ok: false, message: `is not a phone number (e.g. ${PHONE_EXAMPLE})` };
  }
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed || !parsed.isPossible()) {
    const hint = text.startsWith('+')
      ? `check the digits (e.g. ${PHONE_EXAMPLE})`
      : `check the digits, or add the country code (e.g. ${PHONE_EXAMPLE})`;
    return { ok: false, message: `is not a phone number: ${hint}` };
  }
  return { ok: true, typed: text, e164: parsed.number, country: parsed.country ?? null };
}

/** The E.164 form for a link, or null when the text cannot be a phone number. */
export function phoneForLink(
  typed: string,
  country: CountryCode = DEFAULT_PHONE_COUNTRY,
): string | null {
  const checked = checkPhone(typed, country);
  return checked.ok ? checked.e164 : null;
}

/**
 * The country numbers without a country code are read in: the business's own phone's
 * country when it is written with one (+44 …), else the US.
 */
export function phoneCountryOf(businessPhone: string | undefined): CountryCode {
  if (!businessPhone) return DEFAULT_PHONE_COUNTRY;
  const parsed = parsePhoneNumberFromString(businessPhone.trim(), DEFAULT_PHONE_COUNTRY);
  return parsed?.country ?? DEFAULT_PHONE_COUNTRY;
}

/**
 * What a phone number may look like before any country's rules: digits with the usual
 * separators, an optional leading +, an optional extension. Letters (vanity numbers aside),
 * `1e3`, markup and the like are no phone number anywhere.
 */
const PHONE_SHAPE = /^\+?[\d\s().\-/]*\d[\d\s().\-/]*(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$/i;

/** Loosely phone-shaped, without a country: what the shared schema checks (core checks more). */
export function isPhoneShaped(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return PHONE_SHAPE.test(text.trim()) && digits >= 5 && digits <= 20;
}
