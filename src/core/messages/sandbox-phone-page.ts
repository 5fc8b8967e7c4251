import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CountryCode } from 'libphonenumber-js';
import { checkPhone } from '../../shared/phone';
import { BodyTooLargeError, readBody } from '../http/loopback-server';
import type { ObjectStore } from '../storage/object-store';
import type { InboundEvent } from './messages-ports';
import { SANDBOX_PHONE_KEYS } from './messages-ports';
import { queueSandboxInbound } from './sandbox-inbound-channel';
import { PHONE_ICON, PHONE_PAGE_CSS, PHONE_PAGE_SCRIPT } from './sandbox-phone-page-assets';

/** Where the sandbox's phone lives on the local edge. Never on CloudFront. */
export const PHONE_PATH = '/__phone/';

/** A reply request is a few form fields: more is not a reply (HTTP 413). */
export const MAX_REPLY_REQUEST_BYTES = 16 * 1024;
/** Ten segments of a long SMS; a text record keeps as much (src/shared/messages/text-record.ts). */
export const MAX_REPLY_CHARS = 1600;
/** The page shows the newest texts; older ones stay in the data store. */
const MAX_TEXTS_SHOWN = 200;
/** A sandbox keeps a few thousand texts at most; reading more would slow the page, not help it. */
const MAX_TEXTS_READ = 2000;

/** One text the sandbox's phone received, as the sandbox sender keeps it. */
export interface PhoneText {
  id: string;
  to: string;
  body: string;
  at: string;
  provider_id?: string;
}

export interface SandboxPhoneOptions {
  /** The sandbox's data store (its phone's texts and queue are there). */
  data: ObjectStore;
  /** Where a tester's number without a country code is read (the business's country). */
  country?: CountryCode;
  /** The business's zone, for the times shown. */
  timeZone?: string;
  /** The business's number (E.164), which replies are addressed to. */
  ourNumber?: string;
  now?: () => Date;
}

/**
 * The sandbox's phone, at the local edge's /__phone/: the texts the customers' phones received,
 * newest first, by number, each link tappable (one to this sandbox's site opens on this edge,
 * whatever port it listened on when the text went), and a reply box that queues the tester's
 * reply as the number's two-way channel would. Framework-free; every text is shown as text.
 */
export function sandboxPhoneRoutes(
  options: SandboxPhoneOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://edge.invalid');
    const path = url.pathname;
    if (path !== '/__phone' && !path.startsWith(PHONE_PATH)) return false;
    try {
      await route(options, req, res, url);
    } catch (err) {
      if (res.headersSent) res.end();
      else if (err instanceof BodyTooLargeError) {
        send(res, 413, 'text/plain', `A reply is at most ${MAX_REPLY_REQUEST_BYTES} bytes.`);
      } else send(res, 500, 'text/plain', 'The sandbox phone could not answer.');
    }
    return true;
  };
}

async function route(
  options: SandboxPhoneOptions,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === '/__phone') {
    res.writeHead(301, { location: PHONE_PATH }).end();
    return;
  }
  if (path === `${PHONE_PATH}reply`) {
    if (method !== 'POST')
      return void send(res, 405, 'text/plain', 'POST a reply.', { allow: 'POST' });
    return reply(options, req, res);
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return void send(res, 405, 'text/plain', 'Method not allowed', { allow: 'GET, HEAD' });
  }
  if (path === PHONE_PATH) {
    const texts = await readPhoneTexts(options.data);
    return void send(res, 200, 'text/html', phonePage(texts, url, options), {}, method === 'HEAD');
  }
  if (path === `${PHONE_PATH}texts.json`) {
    const texts = await readPhoneTexts(options.data);
    const body = JSON.stringify({ texts });
    return void send(res, 200, 'application/json', body, {}, method === 'HEAD');
  }
  if (path === `${PHONE_PATH}phone.css`) return void send(res, 200, 'text/css', PHONE_PAGE_CSS);
  if (path === `${PHONE_PATH}icon.svg`) return void send(res, 200, 'image/svg+xml', PHONE_ICON);
  if (path === `${PHONE_PATH}phone.js`) {
    return void send(res, 200, 'text/javascript', PHONE_PAGE_SCRIPT);
  }
  send(res, 404, 'text/plain', 'Not found');
}

/**
 * POST /__phone/reply, `from` and `text`, as a form (the page without script) or JSON. A
 * number that cannot be one, an empty or too long text is refused (400) with why, and nothing
 * is queued; a form is sent back to the page, to the conversation it came from.
 */
async function reply(
  options: SandboxPhoneOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const form = type === 'application/x-www-form-urlencoded';
  if (!form && type !== 'application/json') {
    return void send(res, 415, 'text/plain', 'Send a form or JSON: { "from", "text" }.');
  }
  const raw = (await readBody(req, MAX_REPLY_REQUEST_BYTES)).toString('utf8');
  let fields: { from?: unknown; text?: unknown };
  if (form) {
    const params = new URLSearchParams(raw);
    fields = { from: params.get('from') ?? undefined, text: params.get('text') ?? undefined };
  } else {
    try {
      const parsed = JSON.parse(raw) as unknown;
      fields = typeof parsed === 'object' && parsed !== null ? parsed : {};
    } catch {
      return void send(res, 400, 'text/plain', 'The reply is not JSON.');
    }
  }
  const queued = await queueTesterReply(options, fields);
  if (!queued.ok) return void send(res, 400, 'text/plain', queued.message);
  const { event } = queued;
  if (form) {
    const back = `${PHONE_PATH}?n=${encodeURIComponent(event.from)}&sent=1`;
    res.writeHead(303, { location: back, 'cache-control': 'no-store' }).end();
    return;
  }
  const answer = { queued: true, provider_id: event.providerId, at: event.at };
  send(res, 202, 'application/json', JSON.stringify(answer));
}

/**
 * A tester's reply, checked (a number that parses in the business's country, 1 to 1600
 * characters), put in the sandbox's queue as the two-way channel would: the page's reply box
 * and `qdn messages reply` both come here. Nothing is queued when it is refused.
 */
export async function queueTesterReply(
  options: Pick<SandboxPhoneOptions, 'data' | 'country' | 'ourNumber' | 'now'>,
  fields: { from?: unknown; text?: unknown },
): Promise<
  { ok: true; event: Extract<InboundEvent, { kind: 'reply' }> } | { ok: false; message: string }
> {
  const problem = replyProblem(fields, options.country);
  if (typeof problem === 'string') return { ok: false, message: problem };
  const event = {
    kind: 'reply' as const,
    providerId: `sandbox-in-${randomBytes(8).toString('hex')}`,
    from: problem.from,
    to: options.ourNumber ?? '',
    body: problem.text,
    at: (options.now?.() ?? new Date()).toISOString(),
  };
  await queueSandboxInbound(options.data, event);
  return { ok: true, event };
}

function replyProblem(
  fields: { from?: unknown; text?: unknown },
  country: CountryCode | undefined,
): string | { from: string; text: string } {
  if (typeof fields.from !== 'string') return 'Say who replies: "from", a phone number.';
  if (typeof fields.text !== 'string' || fields.text.trim() === '') return 'The reply is empty.';
  if (fields.text.length > MAX_REPLY_CHARS) {
    return `A reply is at most ${MAX_REPLY_CHARS} characters (this one has ${fields.text.length}).`;
  }
  const from = checkPhone(fields.from, country);
  if (!from.ok) return `"from" ${from.message}.`;
  return { from: from.e164, text: fields.text };
}

/** What the phone received, newest first (at most MAX_TEXTS_SHOWN). */
async function readPhoneTexts(data: ObjectStore): Promise<PhoneText[]> {
  const listed = (await data.list(SANDBOX_PHONE_KEYS.texts)).slice(0, MAX_TEXTS_READ);
  const texts: PhoneText[] = [];
  for (let i = 0; i < listed.length; i += 16) {
    const batch = await Promise.all(listed.slice(i, i + 16).map((m) => data.get(m.key)));
    for (const object of batch) {
      const text = object ? phoneText(object.body.toString('utf8')) : null;
      if (text) texts.push(text);
    }
  }
  texts.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  return texts.slice(0, MAX_TEXTS_SHOWN);
}

function phoneText(json: string): PhoneText | null {
  try {
    const value = JSON.parse(json) as Partial<Record<keyof PhoneText, unknown>>;
    const { id, to, body, at } = value;
    if ([id, to, body, at].some((field) => typeof field !== 'string')) return null;
    return {
      id: id as string,
      to: to as string,
      body: body as string,
      at: at as string,
      ...(typeof value.provider_id === 'string' ? { provider_id: value.provider_id } : {}),
    };
  } catch {
    return null; // written by the sandbox sender only; a damaged one is not a text to show
  }
}

/** The page: numbers (newest first), the chosen number's texts, the reply box. */
function phonePage(texts: PhoneText[], url: URL, options: SandboxPhoneOptions): string {
  const numbers = [...new Set(texts.map((t) => t.to))];
  const asked = url.searchParams.get('n');
  const chosen = asked ?? numbers[0] ?? '';
  const shown = texts.filter((t) => t.to === chosen);
  const when = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const tabs = numbers
    .map((n) => {
      const count = texts.filter((t) => t.to === n).length;
      const current = n === chosen ? ' aria-current="page"' : '';
      return `<li><a href="${PHONE_PATH}?n=${escapeHtml(encodeURIComponent(n))}"${current}>${escapeHtml(n)} <span class="count">${count}</span></a></li>`;
    })
    .join('');
  const bubbles = shown
    .map(
      (t) =>
        `<li class="text"><p class="body">${linkified(t.body)}</p><p class="meta"><time datetime="${escapeHtml(t.at)}">${escapeHtml(safeDate(when, t.at))}</time></p></li>`,
    )
    .join('');
  const sent = url.searchParams.get('sent') === '1';
  const newest = texts[0]?.id ?? '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Sandbox phone</title>
<link rel="icon" href="${PHONE_PATH}icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${PHONE_PATH}phone.css">
<script src="${PHONE_PATH}phone.js" defer></script>
</head>
<body data-newest="${escapeHtml(newest)}">
<header><h1>Sandbox phone</h1><p>The texts customers' phones received in this sandbox. Only here: a real workspace texts real phones.</p></header>
<main>
${numbers.length > 0 ? `<nav aria-label="Numbers"><ul class="numbers">${tabs}</ul></nav>` : ''}
<section aria-labelledby="thread-title">
<h2 id="thread-title">${chosen ? `Texts to ${escapeHtml(chosen)}` : 'No texts yet'}</h2>
${bubbles ? `<ol class="texts">${bubbles}</ol>` : `<p class="empty">${chosen ? 'Nothing sent to this number yet.' : 'Move a job with a phone number to a status that texts, and its text shows here.'}</p>`}
</section>
<form class="reply" method="post" action="${PHONE_PATH}reply">
<h2>Reply as the customer</h2>
<label for="from">From</label>
<input id="from" name="from" type="tel" inputmode="tel" autocomplete="off" required maxlength="40" value="${escapeHtml(chosen)}">
<label for="text">Your reply</label>
<textarea id="text" name="text" required maxlength="${MAX_REPLY_CHARS}" rows="3"></textarea>
<button type="submit">Send</button>
<p class="status" role="status">${sent ? 'Sent. The console shows it on the job within seconds.' : ''}</p>
</form>
<p class="new" role="status" hidden><a href="">New text. Show it</a></p>
</main>
</body>
</html>
`;
}

function safeDate(format: Intl.DateTimeFormat, at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : format.format(date);
}

/**
 * A text's words as HTML: every character escaped, each http(s) link an anchor. A link to this
 * sandbox's own site (a loopback host) is made relative, so it opens on the edge showing it even
 * when that edge listens on another port than the one the text was written with.
 */
function linkified(body: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of body.matchAll(/https?:\/\/[^\s<>"']+/g)) {
    const index = match.index;
    // Punctuation a sentence put after a link is not part of it.
    const link = match[0].replace(/[.,;:!?)]+$/, '');
    parts.push(escapeHtml(body.slice(last, index)));
    parts.push(`<a href="${escapeHtml(hrefOf(link))}">${escapeHtml(link)}</a>`);
    last = index + link.length;
  }
  parts.push(escapeHtml(body.slice(last)));
  return parts.join('');
}

function hrefOf(link: string): string {
  try {
    const url = new URL(link);
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
      return `${url.pathname}${url.search}${url.hash}`;
    }
    return url.href;
  } catch {
    return '#';
  }
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Only this edge's own script and styles run; nothing is cached, nothing framed. */
const HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  extra: Record<string, string> = {},
  head = false,
): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    ...HEADERS,
    ...extra,
    'content-type': `${type}; charset=utf-8`,
    'content-length': String(bytes.length),
  });
  res.end(head ? undefined : bytes);
}
