// `npx tsx bench/site-lighthouse.ts`: Lighthouse's mobile report (its default: a mid-range phone
// on simulated slow 4G) on the tracking page and the booking page, in Debian's Chromium
// (CHROME_PATH, else /usr/bin/chromium; nothing is downloaded). Slow (~20 s a page), so not part
// of `npm test` or `npm run bench`. Prints one JSON line per page and exits 1 when a page falls
// below what issue 18 asks: performance ≥ 95, accessibility 100, best practices ≥ 95, SEO ≥ 90
// on /book/ (the tracking page is noindex by design, so its SEO is reported, not judged).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildSite } from '../site/build/build-site';

const TOKEN = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';
const BUSINESS = {
  name: 'Soderblom Hauling',
  phone: '(555) 010-0199',
  time_zone: 'America/Chicago',
};
const DAY = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
const STATUS = JSON.stringify({
  schema: 1,
  first_name: 'Mark',
  status: 'en_route',
  status_label: 'En route',
  pickup: { start: `${DAY}T19:00:00Z`, end: `${DAY}T21:00:00Z` },
  address: 'Apt 4B, 2250 North Lincoln Ave',
  price: { amount: 600, currency: 'USD' },
  timeline: [
    { status: 'requested', label: 'Requested', at: '2026-11-20T14:00:00Z' },
    { status: 'scheduled', label: 'Scheduled', at: '2026-11-21T15:30:00Z' },
    { status: 'en_route', label: 'En route', at: `${DAY}T18:12:00Z` },
  ],
  business: BUSINESS,
  updated_at: `${DAY}T18:12:00Z`,
});
const BOOKING = JSON.stringify({
  schema: 1,
  business: BUSINESS,
  upload: {
    url: 'http://127.0.0.1:9/qdn-sandbox-data',
    fields: { Policy: 'x'.repeat(600), 'X-Amz-Signature': 'f'.repeat(64) },
    key_prefix: 'inbox/new/',
    expires_at: new Date(Date.now() + 86_400_000).toISOString(),
  },
});

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

/** What each page must score (0–100); null: reported only. */
const FLOORS: Record<string, Record<string, number | null>> = {
  [`/track/${TOKEN}`]: { performance: 95, accessibility: 100, 'best-practices': 95, seo: null },
  '/book/': { performance: 95, accessibility: 100, 'best-practices': 95, seo: 90 },
};

const siteDir = await mkdtemp(path.join(tmpdir(), 'qdn-lighthouse-site-'));
await buildSite(siteDir);
const html = 'text/html; charset=utf-8';
const trackHtml = await readFile(path.join(siteDir, 'track.html'));
const icon = /href="(\/assets\/icon-[0-9a-f]+\.svg)"/.exec(trackHtml.toString())?.[1] ?? '';
const routes = new Map<string, { type: string; body: string | Buffer }>([
  [`/track/${TOKEN}`, { type: html, body: trackHtml }],
  ['/book/', { type: html, body: await readFile(path.join(siteDir, 'book.html')) }],
  [`/api/track/${TOKEN}.json`, { type: 'application/json', body: STATUS }],
  ['/api/book-upload.json', { type: 'application/json', body: BOOKING }],
  [icon, { type: 'image/svg+xml', body: await readFile(path.join(siteDir, icon)) }],
  // Lighthouse's SEO audit reads robots.txt; the site has none, and a 404 is what S3 would say.
]);
const server = createServer((req, res) => {
  const route = routes.get(new URL(req.url ?? '/', 'http://localhost').pathname);
  res.writeHead(route ? 200 : 404, {
    'content-type': route?.type ?? 'text/plain',
    'cache-control': 'no-cache',
  });
  res.end(route?.body ?? 'not found');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let failed = false;
try {
  for (const [pathname, floors] of Object.entries(FLOORS)) {
    const result = await lighthouse(`${origin}${pathname}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(floors),
    });
    const categories = result?.lhr.categories ?? {};
    const scores: Record<string, number> = {};
    const below: string[] = [];
    for (const [name, floor] of Object.entries(floors)) {
      const score = Math.round((categories[name]?.score ?? 0) * 100);
      scores[name] = score;
      if (floor !== null && score < floor) below.push(`${name} ${score} < ${floor}`);
    }
    // The failing audits of a category below its floor: what to fix.
    const failing = Object.values(result?.lhr.audits ?? {})
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    // The metrics behind the performance score, in simulated mobile milliseconds (CLS: unitless).
    const metrics: Record<string, number> = {};
    for (const id of METRICS) {
      const value = result?.lhr.audits[id]?.numericValue;
      if (value !== undefined) metrics[id] = Math.round(value * 1000) / 1000;
    }
    const page = pathname.startsWith('/track/') ? '/track/<token>' : pathname;
    console.log(JSON.stringify({ page, ...scores, below, failing, metrics }));
    if (below.length) failed = true;
  }
} finally {
  chrome.kill();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(siteDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
