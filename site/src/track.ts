/**
 * The tracking page: reads the token from whatever link the phone opened, shows the job from
 * its status document, polls while the page is visible, and says honestly what went wrong —
 * never "not found" for a failure to reach us. Written for its byte budget (≤ 8 KB, 4.5 KB
 * gzipped, with its CSS, checked by test/site/build-site.test.ts): the element helpers of
 * site/src/dom.ts, no framework, and what the bundle would repeat said once.
 */
import type { PublicStatus } from '../../src/shared/public-status';
import { showContact, showPublishedContact } from './contact';
import { clock, money, pickupTime, pickupWindow, zoneNote } from './pickup-time';
import { parsePublicStatus } from './public-status-check';
import { $, el, page } from './dom';
import { extractToken } from '../../src/shared/tracking-token';
import { JOB_STATUSES } from '../../src/shared/status-flow';
import { SITE_HEALTH_KEY, statusDocumentKey, trackingPath } from '../../src/shared/site-keys';

/** Milliseconds. A const enum, as esbuild inlines its values where it keeps constants apart. */
const enum Ms {
  /** Poll + the document's 5 s edge cache: a change shows on an open page within 10 s. */
  Refresh = 4_000,
  /** "Couldn't reach us" retries by itself, backing off from 2 s to this. */
  MaxBackoff = 60_000,
  /** A stalled mobile connection should turn into "couldn't reach", not an endless spinner. */
  FetchTimeout = 15_000,
}

/**
 * Places in JOB_STATUSES (src/shared/status-flow.ts), whose order the stepper follows too; read
 * as numbers (`+Place.EnRoute`), and inlined by esbuild as a const enum is.
 */
const enum Place {
  EnRoute = 2,
  /** Completed, then canceled: a job at either changes no more. */
  Completed = 4,
  Canceled = 5,
}

/** Title, what happened, what to do next: each problem leaves the customer a way forward. */
type Problem = readonly [title: string, message: string, next: string];

const INCOMPLETE: Problem = [
  'Link incomplete',
  'This tracking link looks incomplete. Open the full link from your text.',
  'Or reply to that text for a new link.',
];
/**
 * Unknown, revoked, rotated, or finished and expired (withdrawn 30 days after): a missing
 * document cannot tell which, so the message names the likely ones and the way forward.
 */
const NO_LONGER_VALID: Problem = [
  'Link no longer valid',
  'This tracking link is no longer valid: the pickup may be finished, or we sent you a newer link.',
  'Call, text, or reply to your text for a fresh link.',
];
const UNREACHABLE: Problem = [
  "Can't load your pickup",
  "We couldn't reach our page right now.",
  'Check your connection, then try again.',
];
/**
 * A conditional request for a key of the site (no-cache: If-None-Match, so an unchanged document
 * costs a 304); null when it fails. A stalled connection gives up after a while where the phone supports it.
 */
const get = (key: string): Promise<Response | null> =>
  fetch('/' + key, { cache: 'no-cache', signal: AbortSignal.timeout?.(Ms.FetchTimeout) }).catch(
    () => null,
  );

/** The job's document; 'gone' when the link is unknown or withdrawn; null when we can't tell. */
const load = async (token: string): Promise<PublicStatus | 'gone' | null> => {
  const response = await get(statusDocumentKey(token));
  const status = response?.status;
  // S3 behind CloudFront answers 403 for everything when misconfigured: "gone" only once the
  // always-published health document shows that the site's data answers.
  if (status === 403 || status === 404) return (await get(SITE_HEALTH_KEY))?.ok ? 'gone' : null;
  try {
    return status === 200 ? parsePublicStatus(await response?.json()) : null;
  } catch {
    return null;
  }
};

/** The stepper's steps, in the customer's words; each is at its place in JOB_STATUSES. */
const STEPS = ['Scheduled', 'On the way', 'Arrived', 'Done'];

/** Every time in the business's zone, labelled with it when the phone's differs. */
const render = (doc: PublicStatus): void => {
  const { business, status_label: label, timeline, receipt, status } = doc;
  const zone = business.time_zone;
  const entry = (s?: string) => timeline.find((e) => e.status === s);
  const reached = JOB_STATUSES.indexOf(status);
  // Colours and what shows follow the status (site.css): a cancel is not good news.
  $('job').dataset.s = status;
  $('greeting').textContent = 'Hi ' + (doc.first_name || 'there');
  $('status').textContent = label;
  const since = entry(status);
  $('since').textContent =
    since?.reason ??
    (reached === +Place.EnRoute && since ? 'On our way since ' + clock(since.at, zone) : '');
  $('again').hidden = reached !== +Place.Canceled;
  $('steps').replaceChildren(
    ...STEPS.map((name, i) => {
      const item = el('li', name + ' ', reached > i ? 'on' : '');
      const at = reached > i && entry(JOB_STATUSES[i + 1])?.at;
      if (at) {
        const time = el('time', pickupTime(at, zone)) as HTMLTimeElement;
        time.dateTime = at;
        item.append(time);
      }
      if (reached === i + 1) item.setAttribute('aria-current', 'step');
      return item;
    }),
  );
  /** A term of the facts list and its value, known to styles and tests by the term in lower case. */
  const fact = (term: string, text: string): HTMLElement[] => {
    const value = el('dd', text);
    value.id = term.toLowerCase();
    return [el('dt', term), value];
  };
  const note = el('dd', zoneNote(zone ?? ''), 'small');
  note.id = 'zone';
  const service = receipt?.service;
  $('receipt').hidden = !receipt;
  $('facts').replaceChildren(
    ...fact('Pickup', pickupWindow(doc.pickup.start, doc.pickup.end, zone)),
    ...(!zone || zone === Intl.DateTimeFormat().resolvedOptions().timeZone ? [] : [note]),
    ...fact('Address', doc.address),
    ...(service ? fact('Service', service) : []),
    ...fact(
      'Price',
      money(doc.price.amount, doc.price.currency) +
        (receipt ? (receipt.paid ? ' · Paid' : ' · Due') : ''),
    ),
  );
  // showContact follows the status with the business's name: "En route · Bob's Hauling".
  page.title = label;
  showContact(business);
};

const start = (): void => {
  const problem = $('problem');
  const job = $('job');
  const note = $('refresh-note');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loaded = false;
  let done = false;
  let busy = false;
  let failures = 0;
  const focusIn = (): boolean => problem.contains(page.activeElement);

  /** Shows the job or the problem; focus that was in the problem follows to what replaced it. */
  const settle = (showJob: boolean, hadFocus = focusIn()): void => {
    job.hidden = !showJob;
    problem.hidden = showJob;
    $('loading').hidden = true;
    $('app').removeAttribute('aria-busy');
    if (hadFocus)
      (showJob ? $('greeting') : (($('retry') as HTMLElement | null) ?? problem)).focus();
  };

  const showProblem = ([title, message, next]: Problem, withRetry?: boolean): void => {
    // A Retry that fails again is replaced: the keyboard focus moves to its successor.
    const hadFocus = focusIn();
    problem.replaceChildren(el('h1', title), el('p', message), el('p', next, 'small'));
    if (withRetry) {
      const retry = el('button', 'Retry');
      retry.id = 'retry';
      retry.onclick = () => {
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        retry.setAttribute('aria-disabled', 'true');
        retry.textContent = 'Trying again…';
        void refresh();
      };
      problem.append(retry);
    }
    settle(false, hadFocus);
    // What this phone remembers first; the business document when that names no phone.
    if (!showContact(null)) void showPublishedContact();
  };

  const found = extractToken(location);
  if (found.kind !== 'ok') return showProblem(INCOMPLETE);
  const token = found.token;
  // Drops glued-on junk and ?t=/#t= forms so a reload or a share uses the clean link.
  history.replaceState(null, '', trackingPath(token));

  /** Polls while the page is visible and the job open; backs off while we cannot be reached. */
  const schedule = (): void => {
    clearTimeout(timer);
    if (done) return;
    timer = setTimeout(
      () => page.hidden || void refresh(),
      failures ? Math.min(Ms.MaxBackoff, 1_000 * 2 ** failures) : Ms.Refresh,
    );
  };

  const refresh = async (): Promise<void> => {
    if (busy || done) return;
    busy = true;
    const doc = await load(token);
    busy = false;
    if (doc === 'gone') {
      // Revocation is deliberate: stop showing a job the link no longer grants access to.
      done = true;
      return showProblem(NO_LONGER_VALID);
    }
    try {
      if (doc) render(doc);
    } catch {
      // A document that passed the checks but still cannot be shown is as good as none.
      return showUnreachable();
    }
    if (!doc) return showUnreachable();
    failures = 0;
    loaded = true;
    note.hidden = true;
    settle(true);
    // A finished job changes no more: stop asking.
    done = JOB_STATUSES.indexOf(doc.status) >= +Place.Completed;
    schedule();
  };

  /** After a first load the last status stays, with a note; before it, the problem and Retry. */
  const showUnreachable = (): void => {
    failures++;
    if (loaded) note.hidden = false;
    else showProblem(UNREACHABLE, true);
    schedule();
  };

  page.addEventListener('visibilitychange', () =>
    page.hidden ? clearTimeout(timer) : void refresh(),
  );
  void refresh();
};

start();
