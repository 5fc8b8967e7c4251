/**
 * The booking page. `/book/` is a request form; `/book/<token>` shows a quote to confirm. Both
 * upload a small JSON document straight to the data bucket's inbox with the presigned POST
 * policy in `api/book-upload.json` — no server of ours in between — and survive a weak signal:
 * nothing reloads, a failed send keeps what was typed, and a retry reuses the submission's id,
 * so the console makes one job of it however often it arrives.
 */
import type { PublicStatus } from '../../src/shared/public-status';
import { money, pickupWindow, zoneNote as zoneLabel } from './pickup-time';
import { dialable, fetchBookingDocument, isBusiness, showContact } from './contact';
import { $, el } from './dom';
import type { Business } from './contact';
import { parsePublicStatus } from './public-status-check';
import { extractToken } from '../../src/shared/tracking-token';
import {
  PICKUP_WINDOWS,
  REQUEST_FIELDS,
  requestProblems,
  suspectFlags,
} from '../../src/shared/inbox/request-fields';
import type {
  PickupWindowName,
  RequestField,
  RequestFieldValues,
} from '../../src/shared/inbox/request-fields';
import { icsDataUrl, icsText, requestedWindow } from './calendar-entry';
import { send, submissionId, uploadOf } from './booking-upload';
import type { Upload } from './booking-upload';
import type { CalendarEntry } from './calendar-entry';
import {
  quotePath,
  SITE_HEALTH_KEY,
  statusDocumentKey,
  trackingPath,
} from '../../src/shared/site-keys';

const notice = $('notice');
let business: Business | null = null;

/**
 * A confirmation's echo of what was asked (label → value), and its calendar entry to download:
 * the customer can check at a glance that we heard them right, and keep the date.
 */
function echo(rows: [string, string][], entry: CalendarEntry): Node[] {
  const list = document.createElement('dl');
  list.className = 'facts';
  for (const [label, value] of rows) list.append(el('dt', label), el('dd', value));
  const a = document.createElement('a');
  a.id = 'calendar';
  a.href = icsDataUrl(icsText(entry));
  a.download = 'pickup.ics';
  a.textContent = 'Add to calendar';
  const p = document.createElement('p');
  p.append(a);
  return [list, p];
}

/** The zone pickups are arranged in: the business's, else this phone's (one it does not know). */
function workZone(): string {
  const zone = business?.time_zone;
  try {
    if (zone) return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    // a zone this phone does not know
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Thu, Dec 3" for 2026-12-03: a calendar day, so read in UTC, where it has no offset. */
function dayInWords(day: string): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(day + 'T12:00:00Z'));
}

/** The business's number as a link to tap, not one to copy by hand. */
function telLink(phone: string): HTMLAnchorElement {
  const a = el('a', phone) as HTMLAnchorElement;
  a.href = 'tel:' + dialable(phone);
  return a;
}

/** What a summary names the business by, when it is known. */
const byBusiness = (): string => (business ? ' · ' + business.name : '');

/** A notice: its title, its words, and a link to tap when there is somewhere to go next. */
function show(
  title: string,
  text: string,
  link?: { href: string; text: string },
  extra: Node[] = [],
): void {
  const h = document.createElement('h2');
  h.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  notice.replaceChildren(h, p, ...extra);
  if (link) {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    const go = document.createElement('p');
    go.append(a);
    notice.append(go);
  }
  if (business?.phone) {
    const call = document.createElement('p');
    call.append('Call or text us: ', telLink(business.phone));
    notice.append(call);
  }
  notice.hidden = false;
  $('loading').hidden = true;
  notice.focus();
}

const EXPIRED = [
  'Online booking is paused',
  "Our booking form can't take requests right now. Please call or text us instead.",
] as const;

/**
 * Today as YYYY-MM-DD where the pickup happens: the business's zone, else the phone's. (UTC
 * would refuse today's date from 6 PM in Chicago.)
 */
function todayWhereWeWork(): string {
  const format = (timeZone?: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  try {
    return format(business?.time_zone);
  } catch {
    return format(); // a zone this phone does not know
  }
}

/**
 * A field's message beside it (or none): the field says it is invalid and is described by the
 * message, so a screen reader reads both when the field takes focus.
 */
function mark(field: RequestField, message: string | null): void {
  const input = $('f-' + field);
  const note = $('f-' + field + '-error');
  note.textContent = message ?? '';
  note.hidden = !message;
  if (message) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', note.id);
  } else {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
}

/**
 * The keyboard on the first bad field, with its label and its message in view: a plain
 * focus() would scroll the field to the edge and leave its label above the screen.
 */
function focusField(field: RequestField): void {
  const input = $('f-' + field);
  const label = document.querySelector('label[for="f-' + field + '"]') ?? input;
  input.focus({ preventScroll: true });
  const height = window.visualViewport?.height ?? window.innerHeight;
  const top = label.getBoundingClientRect().top;
  const bottom = $('f-' + field + '-error').getBoundingClientRect().bottom;
  if (top < 0 || bottom > height) label.scrollIntoView({ block: 'start' });
}

function requestForm(upload: Upload | null): void {
  const form = $('request') as HTMLFormElement;
  const opened = Date.now();
  const date = $('f-date') as HTMLInputElement;
  date.min = todayWhereWeWork();
  form.hidden = false;
  $('loading').hidden = true;
  const error = $('form-error');
  const button = $('send') as HTMLButtonElement;
  let busy = false;
  const values = (): RequestFieldValues => {
    const data = new FormData(form);
    const out: RequestFieldValues = {};
    for (const field of REQUEST_FIELDS) {
      const v = data.get(field);
      out[field] = typeof v === 'string' ? v.trim() : '';
    }
    return out;
  };
  /** What ingest would refuse (the shared rules), and a date before today, field by field. */
  const problems = (sent: RequestFieldValues) => {
    const found = requestProblems(sent);
    if (sent.date && sent.date < date.min && !found.some((p) => p.field === 'date')) {
      found.push({ field: 'date', message: 'Please choose today or a later date.' });
    }
    return found;
  };
  // Once a field has been marked, its message follows what is typed (and leaves when fixed).
  form.addEventListener('input', (event) => {
    const field = REQUEST_FIELDS.find((f) => 'f-' + f === (event.target as HTMLElement).id);
    if (!field || !$('f-' + field).hasAttribute('aria-invalid')) return;
    mark(field, problems(values()).find((p) => p.field === field)?.message ?? null);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return; // a double tap sends once
    const sent = values();
    sent.window = sent.window || 'any';
    const found = problems(sent);
    for (const field of REQUEST_FIELDS)
      mark(field, found.find((p) => p.field === field)?.message ?? null);
    error.hidden = true;
    const first = found[0];
    if (first) return focusField(first.field);
    if (!upload) return show(...EXPIRED);
    // A bot fills the hidden field or submits at once, and so may autofill: the request is sent
    // flagged, for the dispatcher to judge, and thanked only once it has arrived.
    const company = new FormData(form).get('company');
    const suspect = suspectFlags(Date.now() - opened, typeof company === 'string' ? company : '');
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    button.textContent = 'Sending…';
    const id = submissionId('request');
    void send(upload, id, {
      schema: 1,
      kind: 'request',
      id,
      submitted_at: new Date().toISOString(),
      name: sent.name,
      phone: sent.phone,
      address: sent.address,
      service: sent.service,
      date: sent.date,
      window: sent.window,
      ...(sent.notes ? { notes: sent.notes } : {}),
      ...(suspect.length ? { suspect } : {}),
    }).then((result) => {
      busy = false;
      button.removeAttribute('aria-disabled');
      button.textContent = 'Request a pickup';
      if (result === 'ok') {
        sessionStorage.removeItem('qdn-sub-request');
        form.hidden = true;
        const window = PICKUP_WINDOWS[sent.window as PickupWindowName] ?? PICKUP_WINDOWS.any;
        return show(
          'Request received',
          "Thanks! We'll text you a price and a pickup time to confirm, usually within a few hours.",
          undefined,
          echo(
            [
              ['What to haul', sent.service ?? ''],
              ['Address', sent.address ?? ''],
              ['Preferred', dayInWords(sent.date ?? '') + ', ' + window.label],
            ],
            {
              uid: id + '@' + location.host,
              ...requestedWindow(sent.date ?? '', sent.window ?? 'any', workZone()),
              summary: 'Pickup requested: ' + sent.service + byBusiness(),
              location: sent.address ?? '',
            },
          ),
        );
      }
      if (result === 'expired') return show(...EXPIRED);
      error.textContent =
        "We couldn't send your request. Check your connection and tap the button again — nothing was lost" +
        (business?.phone ? ', or call us at ' : '.');
      if (business?.phone) error.append(telLink(business.phone), '.');
      error.hidden = false;
      error.focus();
    });
  });
}

async function quote(token: string, upload: Upload | null): Promise<void> {
  let doc: PublicStatus | null = null;
  let status = 0;
  try {
    const res = await fetch('/' + statusDocumentKey(token), { cache: 'no-cache' });
    status = res.status;
    if (res.ok) doc = parsePublicStatus(await res.json());
  } catch {
    status = 0;
  }
  if (!doc) {
    // S3 behind CloudFront answers 403 for everything when misconfigured: "not valid" only once
    // the always-published health document shows that the site's data answers.
    const gone =
      (status === 403 || status === 404) &&
      (await fetch('/' + SITE_HEALTH_KEY, { cache: 'no-cache' }).then(
        (res) => res.ok,
        () => false,
      ));
    return gone
      ? show('Quote not found', 'This quote link is not valid any more. Please call or text us.')
      : show(
          "Can't load your quote",
          "We couldn't reach our page right now. Check your connection and reload.",
        );
  }
  business = doc.business;
  showContact(doc.business);
  $('heading').textContent = 'Your pickup quote';
  if (doc.status !== 'requested') {
    return show('Already confirmed', 'This pickup is ' + doc.status_label.toLowerCase() + '.', {
      href: trackingPath(encodeURIComponent(token)),
      text: 'Track your pickup',
    });
  }
  if (!doc.quote_ready)
    return show('Quote on its way', "We're preparing your price and time. We'll text you soon.");
  const zone = doc.business.time_zone;
  const when = pickupWindow(doc.pickup.start, doc.pickup.end, zone);
  const price = money(doc.price.amount, doc.price.currency);
  $('q-when').textContent = when;
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zoneNote = $('zone');
  zoneNote.textContent = zone ? zoneLabel(zone) : '';
  zoneNote.hidden = !zone || zone === here;
  $('q-address').textContent = doc.address;
  $('q-price').textContent = price;
  $('quote').hidden = false;
  $('loading').hidden = true;
  const answer = (kind: 'confirm' | 'call', button: HTMLElement) => {
    if (button.getAttribute('aria-disabled')) return;
    if (!upload) return show(...EXPIRED);
    button.setAttribute('aria-disabled', 'true');
    const id = submissionId(kind + token.slice(0, 8));
    void send(upload, id, {
      schema: 1,
      kind: 'confirm',
      id,
      submitted_at: new Date().toISOString(),
      token,
      answer: kind,
    }).then((sent) => {
      button.removeAttribute('aria-disabled');
      if (sent === 'ok') {
        $('quote').hidden = true;
        return kind === 'confirm'
          ? show(
              'Pickup confirmed',
              "Thanks! You're on the schedule. We'll text you when the truck is on its way.",
              { href: trackingPath(encodeURIComponent(token)), text: 'Track your pickup' },
              echo(
                [
                  ['Pickup', when],
                  ['Address', doc.address],
                  ['Price', price],
                ],
                {
                  uid: id + '@' + location.host,
                  start: doc.pickup.start,
                  // A pickup with no window's end is given an hour in the calendar.
                  end:
                    doc.pickup.end ??
                    new Date(Date.parse(doc.pickup.start) + 3_600_000).toISOString(),
                  summary: 'Pickup' + byBusiness(),
                  location: doc.address,
                },
              ),
            )
          : show('We will call you', "Thanks! We'll call you shortly about this quote.");
      }
      if (sent === 'expired') return show(...EXPIRED);
      show("Couldn't send", 'Check your connection and tap the button again.');
      $('quote').hidden = false;
    });
  };
  const confirmButton = $('confirm');
  const callButton = $('call-me');
  confirmButton.addEventListener('click', () => answer('confirm', confirmButton));
  callButton.addEventListener('click', () => answer('call', callButton));
}

async function start(): Promise<void> {
  const found = extractToken(window.location);
  if (found.kind === 'ok' && window.location.pathname !== quotePath(found.token)) {
    history.replaceState(null, '', quotePath(found.token));
  }
  const doc = await fetchBookingDocument();
  if (doc && isBusiness(doc.business)) business = doc.business;
  showContact(business);
  const upload = uploadOf(doc);
  const usable = upload && Date.parse(upload.expires_at) > Date.now() ? upload : null;
  if (found.kind === 'ok') return quote(found.token, usable);
  if (!usable) return show(...EXPIRED);
  requestForm(usable);
}

document.documentElement.classList.add('js');
void start();
