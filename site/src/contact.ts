import { isZone } from './public-status-check';

/**
 * The business's name with tap-to-call and tap-to-text links, on every state of every public
 * page — errors included, since "call us" is the customer's way out of any of them. What the
 * page last learned is kept in localStorage, so even "couldn't reach us" can show the number.
 */
export interface Business {
  name: string;
  phone?: string;
  time_zone?: string;
}

const KEY = 'qdn-business';

function link(text: string, href: string, cls: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.textContent = text;
  a.href = href;
  a.className = cls;
  return a;
}

/** Renders the contact line into `#contact`; remembers the business for the next error. */
export function showContact(business: Business | null): void {
  const known = business ?? remembered();
  const box = document.getElementById('contact');
  if (!box || !known) return;
  if (business) {
    try {
      localStorage.setItem(KEY, JSON.stringify(business));
    } catch {
      // Private mode or storage full: the contact still shows, it just is not remembered.
    }
  }
  const name = document.createElement('span');
  name.className = 'biz';
  name.textContent = known.name;
  box.replaceChildren(name);
  const dial = (known.phone ?? '').replace(/[^+\d]/g, '');
  if (known.phone && dial) {
    box.append(
      ' ',
      link('Call ' + known.phone, 'tel:' + dial, 'call'),
      ' ',
      link('Text us', 'sms:' + dial, 'call'),
    );
  }
  box.hidden = false;
}

function remembered(): Business | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;
    return isBusiness(value) ? value : null;
  } catch {
    return null;
  }
}

/** Untrusted input (a document or localStorage): only strings get through. */
export function isBusiness(value: unknown): value is Business {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.name === 'string' &&
    (b.phone === undefined || typeof b.phone === 'string') &&
    (b.time_zone === undefined || isZone(b.time_zone))
  );
}

/** The booking document (`api/book-upload.json`) also names the business; null on any failure. */
export async function fetchBookingDocument(): Promise<Record<string, unknown> | null> {
  try {
    const response = await fetch('/api/book-upload.json', { cache: 'no-cache' });
    if (!response.ok) return null;
    const value = (await response.json()) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
