// `npm run bench` (site): the tracking page and the booking page in Chromium under emulated
// Slow 4G (DevTools' preset, through CDP Network.emulateNetworkConditions), next to the floor
// measured in the same run and the same browser: a bare page of exactly the same bytes that
// fetches a document of exactly the same bytes and does nothing else — two round trips plus the
// transfer of the same bytes. Tracking: time until the status is visible; booking: time until
// the request form is shown and usable. Each round is a fresh browser context (empty cache).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { buildSite } from '../site/build/build-site';
import { stat } from './lib';
import type { Stat } from './lib';

const ROUNDS = Number(process.env.QDN_BENCH_ROUNDS ?? 7);
const TARGET = 1.2;
/**
 * DevTools' "Slow 4G" (formerly "Fast 3G"): 1.6 Mb/s down and 750 kb/s up at 90 %, and a
 * 150 ms round trip scaled by 3.75 as DevTools scales it to stand for a real phone's link.
 */
const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};

const TOKEN = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';
const BUSINESS = { name: 'QuickDumpNow', phone: '(555) 010-0199', time_zone: 'America/Chicago' };
// A pickup four days after the run, in the afternoon in Chicago: a fixed date would become a pickup
// in the past, and from the next year on a longer line that names its year.
const PICKUP_DAY = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
const PICKUP_START = `${PICKUP_DAY}T19:00:00Z`;
const PICKUP_END = `${PICKUP_DAY}T21:00:00Z`;
const STATUS = JSON.stringify({
  schema: 1,
  first_name: 'Mark',
  status: 'scheduled',
  status_label: 'Scheduled',
  pickup: { start: PICKUP_START, end: PICKUP_END },
  address: 'Apt 4B, 2250 North Lincoln Ave',
  price: { amount: 600, currency: 'USD' },
  timeline: [
    { status: 'requested', label: 'Requested', at: '2026-11-20T14:00:00Z' },
    { status: 'scheduled', label: 'Scheduled', at: '2026-11-21T15:30:00Z' },
  ],
  business: BUSINESS,
  updated_at: '2026-11-21T15:30:00Z',
});
const BOOKING = JSON.stringify({
  schema: 1,
  business: BUSINESS,
  upload: {
    url: 'http://127.0.0.1:9/qdn-sandbox-data',
    fields: {
      'Content-Type': 'application/json',
      Policy: 'x'.repeat(600),
      'X-Amz-Signature': 'f'.repeat(64),
    },
    key_prefix: 'inbox/new/',
    content_type: 'application/json',
    max_bytes: 8192,
    expires_at: new Date(Date.now() + 86400_000).toISOString(),
  },
});

/** A page of exactly `bytes` bytes that fetches `doc` and records when its body has arrived. */
function floorPage(bytes: number, doc: string): string {
  const head =
    '<!doctype html><html><head><meta charset="utf-8"><title>floor</title></head><body><script>' +
    `fetch(${JSON.stringify(doc)},{cache:'no-cache'}).then(r=>r.text()).then(()=>{window.__done=performance.now()})` +
    '</script><!--';
  const tail = '--></body></html>';
  const pad = bytes - Buffer.byteLength(head) - Buffer.byteLength(tail);
  if (pad < 0) throw new Error('the floor page cannot be that small');
  return head + 'x'.repeat(pad) + tail;
}

const siteDir = await mkdtemp(path.join(tmpdir(), 'qdn-bench-site-'));
await buildSite(siteDir);
const trackHtml = await readFile(path.join(siteDir, 'track.html'));
const bookHtml = await readFile(path.join(siteDir, 'book.html'));
const icon = /href="(\/assets\/icon-[0-9a-f]+\.svg)"/.exec(trackHtml.toString())?.[1] ?? '';
const routes = new Map<string, { type: string; body: string | Buffer }>([
  [`/track/${TOKEN}`, { type: 'text/html; charset=utf-8', body: trackHtml }],
  ['/book/', { type: 'text/html; charset=utf-8', body: bookHtml }],
  [`/api/track/${TOKEN}.json`, { type: 'application/json', body: STATUS }],
  ['/api/book-upload.json', { type: 'application/json', body: BOOKING }],
  [
    '/floor/track',
    { type: 'text/html; charset=utf-8', body: floorPage(trackHtml.length, '/floor/status.json') },
  ],
  ['/floor/status.json', { type: 'application/json', body: STATUS }],
  [
    '/floor/book',
    { type: 'text/html; charset=utf-8', body: floorPage(bookHtml.length, '/floor/booking.json') },
  ],
  ['/floor/booking.json', { type: 'application/json', body: BOOKING }],
  [icon, { type: 'image/svg+xml', body: await readFile(path.join(siteDir, icon)) }],
]);
const requests: string[] = [];
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  requests.push(url.pathname);
  const route = routes.get(url.pathname);
  res.writeHead(route ? 200 : 404, {
    'content-type': route?.type ?? 'text/plain',
    'cache-control': 'no-store',
  });
  res.end(route?.body ?? 'not found');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** The floor pages record their own moment (`window.__done`): no element to watch. */
const FLOOR_MARKS_ITSELF = '#no-such-element';

/** Milliseconds from navigation start until `ready` holds in the page, under Slow 4G. */
async function timeOf(browser: Browser, pathname: string, ready: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    // Records the moment the element appears, whatever the page's own code does. (A string:
    // it runs in the page, which this file's Node types know nothing of.)
    await page.addInitScript({
      content: `(() => {
        const check = () => {
          const el = document.querySelector(${JSON.stringify(ready)});
          if (window.__done === undefined && el && !el.hidden && el.textContent)
            window.__done = performance.now();
        };
        new MutationObserver(check).observe(document, {
          subtree: true, childList: true, attributes: true, characterData: true,
        });
      })();`,
    });
    await page.goto(origin + pathname, { waitUntil: 'commit' });
    // Run in the page, where globalThis is its window.
    await page.waitForFunction(
      () => (globalThis as { __done?: number }).__done !== undefined,
      null,
      {
        timeout: 30_000,
      },
    );
    return await page.evaluate(() => Number((globalThis as { __done?: number }).__done));
  } finally {
    await context.close();
  }
}

const browser = await chromium.launch(chromiumLaunchOptions());
const times: Record<string, number[]> = { track: [], trackFloor: [], book: [], bookFloor: [] };
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Interleaved, so drift in a loaded machine hits ours and the floor alike.
    times.trackFloor!.push(await timeOf(browser, '/floor/track', FLOOR_MARKS_ITSELF));
    times.track!.push(await timeOf(browser, `/track/${TOKEN}`, '#job'));
    times.bookFloor!.push(await timeOf(browser, '/floor/book', FLOOR_MARKS_ITSELF));
    times.book!.push(await timeOf(browser, '/book/', '#request'));
  }
  // One more load, counting requests: the tracking page asks for its status document and
  // (alongside, off the critical path) its icon, nothing else.
  requests.length = 0;
  await timeOf(browser, `/track/${TOKEN}`, '#job');
} finally {
  await browser.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(siteDir, { recursive: true, force: true });
}

const theory = (pageBytes: number, docBytes: number) =>
  2 * SLOW_4G.latency + ((pageBytes + docBytes) / SLOW_4G.downloadThroughput) * 1000;
let failed = false;
function report(name: string, ours: Stat, floor: Stat, pageBytes: number, docBytes: number) {
  const ratio = ours.median / floor.median;
  failed ||= ratio > TARGET;
  console.log(
    `${name} (target ≤ ${TARGET}×)\n  ${ratio.toFixed(2)}× the floor ` +
      `[${(ours.min / floor.median).toFixed(2)}–${(ours.max / floor.median).toFixed(2)}]; ` +
      `ours ${ours.median.toFixed(0)} ms [${ours.min.toFixed(0)}–${ours.max.toFixed(0)}], ` +
      `floor ${floor.median.toFixed(0)} ms [${floor.min.toFixed(0)}–${floor.max.toFixed(0)}] ` +
      `(2 × ${SLOW_4G.latency} ms + ${pageBytes + docBytes} bytes at Slow 4G = ` +
      `${theory(pageBytes, docBytes).toFixed(0)} ms on paper)`,
  );
}
report(
  'track page: status visible under Slow 4G',
  stat(times.track!),
  stat(times.trackFloor!),
  trackHtml.length,
  Buffer.byteLength(STATUS),
);
report(
  'book page: form usable under Slow 4G',
  stat(times.book!),
  stat(times.bookFloor!),
  bookHtml.length,
  Buffer.byteLength(BOOKING),
);
const critical = requests.filter((p) => !p.startsWith('/assets/'));
console.log(
  `track page: ${trackHtml.length} bytes with its CSS and script; requests on the way to the ` +
    `status: ${critical.length} (${critical.join(', ')})`,
);
process.exitCode = failed ? 1 : 0;
