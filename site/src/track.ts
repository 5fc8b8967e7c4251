import type { PublicStatus } from '../../src/shared/public-status';
import { formatMoney, formatPickup, formatPickupWindow, zoneCity } from '../../src/shared/format';
import { fetchBookingDocument, isBusiness, showContact } from './contact';
import { parsePublicStatus } from './public-status-check';
import { extractToken } from './token';

/** Poll + the document's 5 s edge cache: a change shows on an open page within 10 s. */
const REFRESH_MS = 4_000;
/** "Couldn't reach us" retries by itself, backing off to this. */
const MAX_BACKOFF_MS = 60_000;
const FINISHED = ['completed', 'canceled'];
/** A stalled mobile connection should turn into "couldn't reach", not an endless spinner. */
const FETCH_TIMEOUT_MS = 15_000;

/** Each problem says what happened and what the customer can do next — never a dead end. */
const PROBLEMS = {
  incomplete: {
    title: 'Link incomplete',
    message:
      'This tracking link looks incomplete. Please open the full link from your text message.',
    next: "If it still doesn't work, reply to that text and we'll send you a new link.",
  },
  notFound: {
    title: 'Link not valid',
    message: "We couldn't find this job, or this tracking link is no longer valid.",
    next: "If you're expecting a pickup, reply to the text message with your link and we'll send a fresh one.",
  },
  unreachable: {
    title: "Can't load your pickup",
    message: "We couldn't reach QuickDumpNow right now.",
    next: 'Check your connection, then try again.',
  },
} as const;
const REFRESH_FAILED = "Couldn't refresh just now. Showing the last update.";

type Problem = (typeof PROBLEMS)[keyof typeof PROBLEMS];

type LoadResult =
  { kind: 'ok'; doc: PublicStatus } | { kind: 'not-found' } | { kind: 'unreachable' };

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`track.html is missing #${id}`);
  return el as T;
}

async function get(path: string): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
  try {
    // no-cache: a conditional request (If-None-Match), so an unchanged document costs a 304.
    return await fetch(path, { cache: 'no-cache', signal: controller.signal });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function loadStatus(token: string): Promise<LoadResult> {
  const response = await get('/api/track/' + token + '.json');
  if (!response) return { kind: 'unreachable' };
  if (response.status === 404 || response.status === 403) {
    // S3 behind CloudFront answers 403 for everything when misconfigured: "not found" only
    // once the always-published health document shows the site's data answers.
    const health = await get('/api/health.json');
    return health?.ok ? { kind: 'not-found' } : { kind: 'unreachable' };
  }
  if (response.status !== 200) return { kind: 'unreachable' };
  try {
    const doc = parsePublicStatus(await response.json());
    return doc ? { kind: 'ok', doc } : { kind: 'unreachable' };
  } catch {
    return { kind: 'unreachable' };
  }
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function render(doc: PublicStatus): void {
  const zone = doc.business.time_zone;
  const timeEl = (iso: string): HTMLTimeElement => {
    const node = el('time', formatPickup(iso, undefined, zone));
    node.dateTime = iso;
    return node;
  };
  byId('greeting').textContent = doc.first_name ? 'Hi ' + doc.first_name : 'Hi there';
  const status = byId('status');
  status.textContent = doc.status_label;
  status.dataset.status = doc.status;
  byId('pickup').textContent = formatPickupWindow(
    doc.pickup.start,
    doc.pickup.end,
    undefined,
    zone,
  );
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const note = byId('zone');
  note.textContent = zone ? 'Times in ' + zoneCity(zone) + ' time' : '';
  note.hidden = !zone || zone === here;
  byId('address').textContent = doc.address;
  byId('price').textContent = formatMoney(doc.price.amount, doc.price.currency);

  const timeline = byId('timeline');
  timeline.replaceChildren(
    ...doc.timeline.map((entry) => {
      const item = el('li');
      item.append(el('span', entry.label, 'step'), ' ', timeEl(entry.at));
      return item;
    }),
  );
  byId('timeline-section').hidden = doc.timeline.length === 0;
  showContact(doc.business);
  byId('updated').replaceChildren('Updated ', timeEl(doc.updated_at));
  document.title = doc.status_label + ' · ' + doc.business.name;
}

function start(): void {
  const main = byId('app');
  const problem = byId('problem');
  const job = byId('job');
  const note = byId('refresh-note');
  const loading = byId('loading');

  const showProblem = ({ title, message, next }: Problem, withRetry: boolean): void => {
    // A Retry that fails again is replaced: the keyboard focus moves to its successor.
    const hadFocus = problem.contains(document.activeElement);
    job.hidden = true;
    loading.hidden = true;
    problem.replaceChildren(el('h1', title), el('p', message), el('p', next, 'small'));
    if (withRetry) {
      const retry = el('button', 'Retry');
      retry.id = 'retry';
      retry.type = 'button';
      retry.addEventListener('click', () => {
        // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
        retry.setAttribute('aria-disabled', 'true');
        retry.textContent = 'Trying again…';
        void refresh();
      });
      problem.append(retry);
    }
    problem.hidden = false;
    main.setAttribute('aria-busy', 'false');
    if (hadFocus) (problem.querySelector('button') ?? problem).focus();
    showContact(null);
    // Nothing remembered yet: the booking document names the business too.
    if (!document.querySelector('#contact a')) {
      void fetchBookingDocument().then((d) => {
        if (d && isBusiness(d.business)) showContact(d.business);
      });
    }
  };

  const found = extractToken(window.location);
  if (found.kind !== 'ok') {
    showProblem(PROBLEMS.incomplete, false);
    return;
  }
  const token = found.token;
  const canonical = '/track/' + token;
  if (window.location.pathname !== canonical) {
    // Drops glued-on junk and ?t=/#t= forms so a reload or a share uses the clean link.
    history.replaceState(null, '', canonical);
  }

  let loaded = false;
  let gone = false;
  let busy = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Polls while the page is visible and the job open; backs off while we cannot be reached. */
  const schedule = (): void => {
    clearTimeout(timer);
    if (gone) return;
    const wait = failures ? Math.min(MAX_BACKOFF_MS, 2_000 * 2 ** (failures - 1)) : REFRESH_MS;
    timer = setTimeout(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, wait);
  };

  const handleUnreachable = (): void => {
    if (loaded) {
      note.textContent = REFRESH_FAILED;
      note.hidden = false;
    } else {
      showProblem(PROBLEMS.unreachable, true);
    }
  };

  const refresh = async (): Promise<void> => {
    if (busy || gone) return;
    busy = true;
    const result = await loadStatus(token);
    busy = false;
    failures = result.kind === 'unreachable' ? failures + 1 : 0;
    if (result.kind === 'ok') {
      try {
        render(result.doc);
      } catch {
        // A document that passed the checks but still cannot be shown is as good as none.
        handleUnreachable();
        schedule();
        return;
      }
      loaded = true;
      const retried = problem.contains(document.activeElement);
      problem.hidden = true;
      problem.replaceChildren();
      note.hidden = true;
      loading.hidden = true;
      job.hidden = false;
      main.setAttribute('aria-busy', 'false');
      if (retried) byId('greeting').focus();
      // A finished job changes no more: stop asking.
      if (FINISHED.includes(result.doc.status)) gone = true;
    } else if (result.kind === 'not-found') {
      // Revocation is deliberate: stop showing a job the link no longer grants access to.
      gone = true;
      showProblem(PROBLEMS.notFound, false);
    } else {
      handleUnreachable();
    }
    schedule();
  };

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
    else clearTimeout(timer);
  });

  void refresh();
}

start();
