/**
 * Who the business is, on every state of every public page — errors included, since "call us"
 * is the customer's way out of any of them: its name in the header, its
 * name in the `<title>`, and the name with tap-to-call and tap-to-text links in the footer. What
 * the page last learned is kept in localStorage, so even "couldn't reach us" can show the number.
 * Until a business is known the pages name none (their HTML carries no business's name).
 */
import { BOOKING_DOCUMENT_KEY, BUSINESS_DOCUMENT_KEY } from '../../src/shared/site-keys';
import { $, el, page } from './dom';
import { isString } from './public-status-check';

export interface Business {
  name: string;
  phone?: string;
  time_zone?: string;
}

const KEY = 'qdn-business';

/**
 * Renders the contact line into `#contact` (the business given, else the one remembered) and
 * remembers a given one for the next error. True when a phone number is shown.
 */
export const showContact = (business: Business | null): boolean => {
  let known: unknown = business;
  try {
    const store = localStorage;
    if (business) store.setItem(KEY, JSON.stringify(business));
    // Nothing stored parses as null: JSON.parse reads its argument as a string.
    else known = JSON.parse(store.getItem(KEY) as string);
  } catch {
    // Private mode, storage full or a garbled entry: nothing is remembered.
  }
  // Every public page has the line and the header (site/*.html).
  const box = $('contact');
  if (!isBusiness(known)) return false;
  const dial = known.phone && dialable(known.phone);
  const link = (text: string, scheme: string): HTMLAnchorElement => {
    const a = el('a', text, 'call') as HTMLAnchorElement;
    a.href = scheme + dial;
    return a;
  };
  box.replaceChildren(el('b', known.name));
  if (dial) box.append(link('Call ' + known.phone, 'tel:'), ' ', link('Text us', 'sms:'));
  box.hidden = false;
  const brand = page.querySelector('.brand') as HTMLElement;
  brand.textContent = known.name;
  brand.hidden = false;
  // "Track your pickup · Bob's Hauling": the page's own words stay, the business follows.
  page.title = page.title.split(' · ')[0] + ' · ' + known.name;
  return !!dial;
};

/** A number as a `tel:` or `sms:` link dials it: digits and a leading +, nothing else. */
export const dialable = (phone: string): string => phone.replace(/[^+\d]/g, '');

/**
 * Untrusted input (a document or localStorage): a name and phone that are strings. The zone is
 * not checked, as no contact line shows it; the status document, which times use, checks it.
 */
export const isBusiness = (value: unknown): value is Business =>
  [(value as Business | null)?.name, (value as Business | null)?.phone ?? ''].every(isString);

/** A public JSON document; null on any failure (an error page, a network error, not JSON). */
export const fetchRecord = async (path: string): Promise<Record<string, unknown> | null> => {
  try {
    const value = (await (await fetch(path, { cache: 'no-cache' })).json()) as unknown;
    return typeof value === 'object' ? (value as Record<string, unknown> | null) : null;
  } catch {
    return null;
  }
};

/** The booking document (`api/book-upload.json`): the upload policy and who the business is. */
export const fetchBookingDocument = (): Promise<Record<string, unknown> | null> =>
  fetchRecord('/' + BOOKING_DOCUMENT_KEY);

/**
 * Shows the business from the business document (`api/business.json`, published by the console
 * at every start) when the page knows no better: a withdrawn link, a broken one, a 404.
 */
export const showPublishedContact = async (): Promise<void> => {
  const doc = await fetchRecord('/' + BUSINESS_DOCUMENT_KEY);
  if (isBusiness(doc?.business)) showContact(doc.business);
};
