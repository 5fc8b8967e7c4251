import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, devices } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { buildSite } from '../site/build/build-site';
import { isEdgeResponse, loadViewerRequestFunction } from '../src/core/sandbox/edge-function';
import type { PublicStatus } from '../src/shared/public-status';

const MARK = 'Xk3_9aZ-QpL0mN7rS2tUvW4xY6zA8bC1dE5fG3hJ-_k';
const UNKNOWN = 'Zz9_unknownTOKENunknownTOKENunknownTOKEN12';
const FLAKY = 'Fl4ky-server-TOKEN-Fl4ky-server-TOKEN-00001';
const EVIL = 'Ev1l-name-TOKEN-Ev1l-name-TOKEN-Ev1l-name-01';
const LIVE = 'L1ve-refresh-TOKEN-L1ve-refresh-TOKEN-000001';

const INCOMPLETE = 'This tracking link looks incomplete.';
const NO_LONGER_VALID = 'This tracking link is no longer valid: the pickup may be finished';
const UNREACHABLE = "We couldn't reach our page right now.";

function markStatus(overrides: Partial<PublicStatus> = {}): PublicStatus {
  return {
    schema: 1,
    first_name: 'Mark',
    status: 'scheduled',
    status_label: 'Scheduled',
    pickup: { start: '2026-11-27T13:00:00-05:00', end: '2026-11-27T15:00:00-05:00' },
    address: '42 Birch Lane',
    price: { amount: 600, currency: 'USD' },
    timeline: [
      { status: 'requested', label: 'Requested', at: '2026-11-20T14:00:00Z' },
      { status: 'scheduled', label: 'Scheduled', at: '2026-11-21T15:30:00Z' },
    ],
    business: { name: 'Soderblom Hauling', phone: '(555) 010-0199' },
    updated_at: '2026-11-21T15:30:00Z',
    ...overrides,
  };
}

/** What the fake origin answers for `/api/track/<token>.json`; absent → 404. */
type ApiAnswer = PublicStatus | { httpStatus: number };
const api = new Map<string, ApiAnswer>();
const apiRequests: string[] = [];
/** What `/api/business.json` answers (the console publishes it); null → 404. */
let businessDocument: object | null = null;
/** What `/api/book-upload.json` answers; null → 404. */
let bookingDocument: object | null = null;
/** The bodies the fake bucket took at `/inbox-upload` (a presigned POST's multipart form). */
const uploads: string[] = [];
/** What the fake bucket answers an upload. */
let uploadStatus = 204;

let server: Server;
let origin: string;
let siteDir: string;

/** Origin + edge in one: the real viewer-request function picks the file, as CloudFront would. */
async function startServer(dir: string): Promise<Server> {
  const edge = loadViewerRequestFunction(
    await readFile(new URL('../site/edge/viewer-request.js', import.meta.url), 'utf8'),
  );
  const srv = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/inbox-upload' && req.method === 'POST') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        uploads.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(uploadStatus).end();
        return;
      }
      if (url.pathname === '/api/book-upload.json') {
        return bookingDocument
          ? send(res, 200, 'application/json', JSON.stringify(bookingDocument))
          : send(res, 404, 'application/json', '{"message":"Not Found"}');
      }
      if (url.pathname === '/api/business.json') {
        return businessDocument
          ? send(res, 200, 'application/json', JSON.stringify(businessDocument))
          : send(res, 404, 'application/json', '{"message":"Not Found"}');
      }
      const apiMatch = /^\/api\/track\/([^/]+)\.json$/.exec(url.pathname);
      if (apiMatch) {
        apiRequests.push(url.pathname);
        const answer = api.get(decodeURIComponent(apiMatch[1] ?? ''));
        if (!answer) return send(res, 404, 'application/json', '{"message":"Not Found"}');
        if ('httpStatus' in answer) return send(res, answer.httpStatus, 'text/plain', 'boom');
        return send(res, 200, 'application/json', JSON.stringify(answer));
      }
      const out = await edge({
        version: '1.0',
        context: {
          eventType: 'viewer-request',
          distributionDomainName: 'local.test',
          distributionId: 'ELOCAL',
          requestId: 'local',
        },
        viewer: { ip: '127.0.0.1' },
        request: {
          method: req.method ?? 'GET',
          uri: url.pathname,
          querystring: {},
          headers: {},
          cookies: {},
        },
      });
      if (isEdgeResponse(out)) return send(res, out.statusCode, 'text/plain', '');
      const file = path.join(dir, path.normalize(decodeURIComponent(out.uri)));
      if (!file.startsWith(dir + path.sep)) return send(res, 400, 'text/plain', 'bad path');
      try {
        const body = await readFile(file);
        const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'image/svg+xml';
        return send(res, 200, type, body);
      } catch {
        // CloudFront's custom error response: the friendly page, with the 404 status.
        return send(
          res,
          404,
          'text/html; charset=utf-8',
          await readFile(path.join(dir, '404.html')),
        );
      }
    })().catch(() => send(res, 500, 'text/plain', 'server error'));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return srv;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

test.beforeAll(async () => {
  siteDir = await mkdtemp(path.join(tmpdir(), 'qdn-e2e-site-'));
  await buildSite(siteDir);
  server = await startServer(siteDir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(siteDir, { recursive: true, force: true });
});

test.beforeEach(() => {
  businessDocument = null;
  bookingDocument = null;
  uploads.length = 0;
  uploadStatus = 204;
  api.clear();
  api.set(MARK, markStatus());
  apiRequests.length = 0;
});

let context: BrowserContext;
let page: Page;
let cspErrors: string[];

test.beforeEach(async ({ browser }) => {
  // iPhone 13 defaults to WebKit; only its viewport, UA and touch settings are wanted here.
  const { defaultBrowserType: _webkit, ...iPhone } = devices['iPhone 13'];
  context = await browser.newContext({
    ...iPhone,
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  page = await context.newPage();
  cspErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text()))
      cspErrors.push(msg.text());
  });
});

test.afterEach(async () => {
  await context.close();
});

async function expectMark(): Promise<void> {
  await expect(page.locator('#greeting')).toContainText('Mark');
  await expect(page.locator('#status')).toHaveText('Scheduled');
  await expect(page.locator('#problem')).toBeHidden();
}

for (const [name, link] of [
  ['the path', `/track/${MARK}`],
  ['the path with a period glued on by SMS', `/track/${MARK}.`],
  ['the query (?t=)', `/track.html?t=${MARK}`],
  ['the fragment (#t=)', `/track.html#t=${MARK}`],
] as const) {
  test(`shows the job for a token in ${name}`, async () => {
    await page.goto(origin + link);
    await expectMark();
    expect(new URL(page.url()).pathname).toBe(`/track/${MARK}`);
    expect(new URL(page.url()).hash).toBe('');
    expect(cspErrors).toEqual([]);
  });
}

test('shows the pickup, address, price, progress and phone', async () => {
  // "This year" decides whether the year is shown: pin it, so the test does not age.
  await page.clock.setFixedTime(new Date('2026-11-28T12:00:00Z'));
  await page.goto(`${origin}/track/${MARK}`);
  await expectMark();
  await expect(page.locator('#pickup')).toHaveText('Fri, Nov 27, 1:00 PM – 3:00 PM');
  await expect(page.locator('#address')).toHaveText('42 Birch Lane');
  await expect(page.locator('#price')).toHaveText('$600.00');
  await expect(page.locator('#steps li')).toHaveText([
    'Scheduled Sat, Nov 21, 10:30 AM',
    'On the way',
    'Arrived',
    'Done',
  ]);
  await expect(page.locator('#steps [aria-current="step"]')).toHaveText(/^Scheduled/);
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100199');
  await expect(page.locator('#status')).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('meta[name="qdn-build"]')).toHaveAttribute('content', /^[0-9a-f]{12}$/);
  expect(cspErrors).toEqual([]);
});

test('says an unknown link is no longer valid, and what to do next, without a Retry', async () => {
  await page.goto(`${origin}/track/${UNKNOWN}`);
  await expect(page.locator('#problem h1')).toHaveText('Link no longer valid');
  await expect(page.locator('#problem')).toContainText(NO_LONGER_VALID);
  await expect(page.locator('#problem')).toContainText('reply to your text');
  await expect(page.locator('#problem')).toHaveAttribute('role', 'alert');
  await expect(page.locator('#retry')).toHaveCount(0);
  await expect(page.locator('#job')).toBeHidden();
});

test('says it could not reach us on a server error, and Retry recovers', async () => {
  api.set(FLAKY, { httpStatus: 500 });
  await page.goto(`${origin}/track/${FLAKY}`);
  await expect(page.locator('#problem')).toContainText(UNREACHABLE);
  await expect(page.locator('#problem')).not.toContainText("couldn't find");
  const retry = page.locator('#retry');
  await expect(retry).toHaveText('Retry');

  api.set(FLAKY, markStatus());
  await retry.click();
  await expectMark();
});

test('keeps the keyboard on Retry when a retry fails too, then moves it to the job', async () => {
  api.set(FLAKY, { httpStatus: 503 });
  await page.goto(`${origin}/track/${FLAKY}`);
  await page.locator('#retry').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#retry')).toHaveText('Retry');
  await expect(page.locator('#retry')).toBeFocused();

  api.set(FLAKY, markStatus());
  await page.keyboard.press('Enter');
  await expectMark();
  await expect(page.locator('#greeting')).toBeFocused();
});

test('wraps a long unbroken name on a small phone instead of scrolling sideways', async ({
  browser,
}) => {
  const { defaultBrowserType: _webkit, ...iPhoneSE } = devices['iPhone SE'];
  const small = await browser.newContext(iPhoneSE);
  try {
    const phone = await small.newPage();
    api.set(
      LIVE,
      markStatus({ first_name: 'SoderblomPropertyManagementAndRealEstateHoldingsLLC' }),
    );
    await phone.goto(`${origin}/track/${LIVE}`);
    await expect(phone.locator('#greeting')).toContainText('Soderblom');
    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
    }));
    expect(widths.page).toBeLessThanOrEqual(widths.view);
  } finally {
    await small.close();
  }
});

test('says it could not reach us when the network fails', async () => {
  await page.route('**/api/track/**', (route) => route.abort('internetdisconnected'));
  await page.goto(`${origin}/track/${MARK}`);
  await expect(page.locator('#problem')).toContainText(UNREACHABLE);
  await expect(page.locator('#retry')).toBeVisible();

  await page.unroute('**/api/track/**');
  await page.locator('#retry').click();
  await expectMark();
});

test('treats an invalid status document as unreachable, not as not found', async () => {
  await page.route('**/api/track/**', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"schema":1}' }),
  );
  await page.goto(`${origin}/track/${MARK}`);
  await expect(page.locator('#problem')).toContainText(UNREACHABLE);
});

for (const link of [
  '/track/abc123',
  `/track/${MARK.slice(0, 30)}%E2%80%A6`,
  '/track',
  '/track.html?t=',
]) {
  test(`asks for the full link and fetches nothing for ${link}`, async () => {
    const seen: string[] = [];
    page.on('request', (request) => seen.push(new URL(request.url()).pathname));
    await page.goto(origin + link);
    await expect(page.locator('#problem')).toContainText(INCOMPLETE);
    await expect(page.locator('#retry')).toHaveCount(0);
    // Give a stray fetch a moment to show up before asserting it never happened.
    await page.waitForTimeout(300);
    // No status document is asked for (only the booking document, for the business's number).
    expect(seen.filter((p) => p.startsWith('/api/track/'))).toEqual([]);
    expect(apiRequests).toEqual([]);
  });
}

test('shows markup in a name as text', async () => {
  const name = '<img src=x onerror="window.__xss=1">';
  api.set(EVIL, markStatus({ first_name: name }));
  await page.goto(`${origin}/track/${EVIL}`);
  await expect(page.locator('#greeting')).toHaveText(`Hi ${name}`);
  await expect(page.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
});

test('refreshes every few seconds and keeps the last status when a refresh fails', async () => {
  await page.clock.install();
  api.set(LIVE, markStatus());
  await page.goto(`${origin}/track/${LIVE}`);
  await expectMark();

  api.set(LIVE, { httpStatus: 503 });
  await page.clock.fastForward(5_000);
  await expect(page.locator('#refresh-note')).toContainText("Couldn't refresh");
  await expect(page.locator('#status')).toHaveText('Scheduled');
  await expect(page.locator('#problem')).toBeHidden();

  api.set(LIVE, markStatus({ status: 'en_route', status_label: 'En route' }));
  // After a failure the page backs off (2 s, 4 s, …) before it asks again.
  await page.clock.fastForward(10_000);
  await expect(page.locator('#status')).toHaveText('En route');
  await expect(page.locator('#refresh-note')).toBeHidden();
});

test('the booking page says booking is paused, with the number, when it has no upload policy', async () => {
  await page.goto(`${origin}/book/`);
  await expect(page.locator('h1')).toHaveText('Book a pickup');
  await expect(page.locator('#notice')).toContainText('Online booking is paused');
  await expect(page.locator('#notice')).toContainText('call or text us');
  await expect(page.locator('#request')).toBeHidden();
  expect(cspErrors).toEqual([]);
});

test('says not found only once the health document answers; a 403 with no health is unreachable', async () => {
  await page.route('**/api/health.json', (route) =>
    route.fulfill({ status: 403, body: 'Access denied' }),
  );
  await page.goto(`${origin}/track/${UNKNOWN}`);
  await expect(page.locator('#problem')).toContainText(UNREACHABLE);
  await expect(page.locator('#problem')).not.toContainText("couldn't find");
  await expect(page.locator('#retry')).toBeVisible();
});

test('shows the business contact on an error too, remembered from an earlier visit', async () => {
  await page.goto(`${origin}/track/${MARK}`);
  await expectMark();
  await page.goto(`${origin}/track/${UNKNOWN}`);
  await expect(page.locator('#problem h1')).toHaveText('Link no longer valid');
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100199');
  await expect(page.locator('#contact')).toContainText('Text us');
});

test('a withdrawn link on a phone that never saw it names the business from its document', async () => {
  // A finished job's document expired (or a revoked one was removed): the health document
  // answers, so the page can say so, and the contact comes from the business document.
  businessDocument = {
    schema: 1,
    business: { name: "Bob's Hauling", phone: '(555) 010-0777', time_zone: 'America/Chicago' },
  };
  await page.goto(`${origin}/track/${UNKNOWN}`);
  await expect(page.locator('#problem h1')).toHaveText('Link no longer valid');
  await expect(page.locator('#problem')).toContainText('the pickup may be finished');
  await expect(page.locator('#contact')).toContainText("Bob's Hauling");
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100777');
  await expect(page.locator('#contact a').nth(1)).toHaveAttribute('href', 'sms:5550100777');
  await expect(page.locator('#retry')).toHaveCount(0);
});

test('a link revoked while its page is open reads "no longer valid", keeps the contact and stops asking', async () => {
  await page.clock.install();
  api.set(LIVE, markStatus());
  await page.goto(`${origin}/track/${LIVE}`);
  await expectMark();

  api.delete(LIVE);
  await page.clock.fastForward(5_000);
  await expect(page.locator('#problem h1')).toHaveText('Link no longer valid');
  await expect(page.locator('#job')).toBeHidden();
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100199');
  const asked = apiRequests.length;
  await page.clock.fastForward(30_000);
  expect(apiRequests.length).toBe(asked);
});

test('a finished job stops polling; once its document expires the link says the pickup may be finished', async () => {
  await page.clock.install();
  api.set(LIVE, markStatus({ status: 'completed', status_label: 'Completed' }));
  await page.goto(`${origin}/track/${LIVE}`);
  await expect(page.locator('#status')).toHaveText('Completed');
  const asked = apiRequests.length;
  await page.clock.fastForward(30_000);
  expect(apiRequests.length).toBe(asked);

  api.delete(LIVE);
  await page.reload();
  await expect(page.locator('#problem')).toContainText(NO_LONGER_VALID);
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100199');
});

test('shows the status after two requests: the page and its status document', async () => {
  const seen: string[] = [];
  page.on('request', (request) => seen.push(new URL(request.url()).pathname));
  await page.goto(`${origin}/track/${MARK}`);
  await expectMark();
  // The icon is fetched alongside, never waited for; nothing else, and nothing off-site.
  expect(seen.filter((p) => !p.startsWith('/assets/icon-'))).toEqual([
    `/track/${MARK}`,
    `/api/track/${MARK}.json`,
  ]);
  expect(seen.every((p) => p.startsWith('/'))).toBe(true);
});

test('reads at 320 px: nothing scrolls sideways and the text is at least 16 px', async ({
  browser,
}) => {
  const small = await browser.newContext({ viewport: { width: 320, height: 640 } });
  try {
    const phone = await small.newPage();
    api.set(
      LIVE,
      markStatus({
        address: 'Apt 4B, 2250 North Lincoln Avenue Extraordinarily-Long-Building-Name, Chicago',
        pickup: { start: '2026-12-03T19:00:00Z', end: '2026-12-04T15:00:00Z' },
      }),
    );
    for (const link of [`/track/${LIVE}`, `/track/${UNKNOWN}`, '/track/abc']) {
      await phone.goto(origin + link);
      await expect(phone.locator('#loading')).toBeHidden();
      const layout = await phone.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        font: parseFloat(getComputedStyle(document.body).fontSize),
      }));
      expect(layout.page).toBeLessThanOrEqual(layout.view);
      expect(layout.font).toBeGreaterThanOrEqual(16);
    }
  } finally {
    await small.close();
  }
});

test('a quote link says "not found" only once the health document answers', async () => {
  await page.goto(`${origin}/book/${UNKNOWN}`);
  await expect(page.locator('#notice')).toContainText('Quote not found');

  await page.route('**/api/health.json', (route) =>
    route.fulfill({ status: 403, body: 'Access denied' }),
  );
  await page.goto(`${origin}/book/${UNKNOWN}`);
  await expect(page.locator('#notice')).toContainText("Can't load your quote");
  await expect(page.locator('#notice')).toContainText("We couldn't reach our page");
});

test('names the business from Settings in the header, the title and the footer, the number tappable', async () => {
  await page.goto(`${origin}/track/${MARK}`);
  await expectMark();
  await expect(page.locator('.brand')).toHaveText('Soderblom Hauling');
  await expect(page.locator('#contact a').first()).toHaveAttribute('href', 'tel:5550100199');
  await expect(page).toHaveTitle('Scheduled · Soderblom Hauling');
  await expect(page.locator('#contact b')).toHaveText('Soderblom Hauling');
  // The booking and not-found pages name the business this phone learned, as the header does.
  for (const [link, title] of [
    ['/book/', 'Book a pickup · Soderblom Hauling'],
    ['/no-such-page', 'Page not found · Soderblom Hauling'],
  ] as const) {
    await page.goto(origin + link);
    await expect(page).toHaveTitle(title);
    await expect(page.locator('.brand')).toContainText('Soderblom Hauling');
  }
});

test('a page that cannot read who the business is names no business at all', async () => {
  for (const [link, title] of [
    ['/no-such-page', 'Page not found'],
    ['/book/', 'Book a pickup'],
    [`/track/${UNKNOWN}`, 'Track your pickup'],
  ] as const) {
    await page.goto(origin + link);
    await expect(page.locator('#contact')).toBeHidden();
    await expect(page).toHaveTitle(title);
    await expect(page.locator('.brand')).toBeHidden();
    expect(await page.content()).not.toContain('QuickDumpNow');
  }
});

const CHICAGO = {
  name: 'Soderblom Hauling',
  phone: '(555) 010-0199',
  time_zone: 'America/Chicago',
};
const STEPS_SO_FAR: PublicStatus['timeline'] = [
  { status: 'requested', label: 'Requested', at: '2026-11-20T14:00:00Z' },
  { status: 'scheduled', label: 'Scheduled', at: '2026-11-21T15:30:00Z' },
  { status: 'en_route', label: 'En route', at: '2026-11-27T16:12:00Z' },
];

test('en route: the stepper is at "On the way", and says since when, in the business’s zone', async () => {
  await page.clock.setFixedTime(new Date('2026-11-27T16:30:00Z'));
  api.set(
    LIVE,
    markStatus({
      status: 'en_route',
      status_label: 'En route',
      timeline: STEPS_SO_FAR,
      business: CHICAGO,
    }),
  );
  await page.goto(`${origin}/track/${LIVE}`);
  await expect(page.locator('#status')).toHaveText('En route');
  // 16:12 UTC is 10:12 in Chicago; the phone is in New York (11:12), so the zone is named.
  await expect(page.locator('#since')).toHaveText('On our way since 10:12 AM');
  await expect(page.locator('#zone')).toHaveText('Times in Chicago time');
  await expect(page.locator('#steps li.on')).toHaveCount(2);
  await expect(page.locator('#steps [aria-current="step"]')).toHaveText(
    'On the way Fri, Nov 27, 10:12 AM',
  );
  await expect(page.locator('#again')).toBeHidden();
  await expect(page.locator('#receipt')).toBeHidden();
});

test('canceled: a neutral colour, the office’s reason, a way to book again, no progress', async () => {
  api.set(
    LIVE,
    markStatus({
      status: 'canceled',
      status_label: 'Canceled',
      timeline: [
        ...STEPS_SO_FAR.slice(0, 2),
        {
          status: 'canceled',
          label: 'Canceled',
          at: '2026-11-26T15:00:00Z',
          reason: 'Truck broke down',
        },
      ],
    }),
  );
  await page.goto(`${origin}/track/${LIVE}`);
  await expect(page.locator('#status')).toHaveText('Canceled');
  await expect(page.locator('#since')).toHaveText('Truck broke down');
  await expect(page.locator('#steps')).toBeHidden();
  await expect(page.getByRole('link', { name: 'Book again' })).toHaveAttribute('href', '/book/');
  const colour = (selector: string) =>
    page.locator(selector).evaluate((node) => getComputedStyle(node).color);
  // The good-news accent is the colour of a link; the canceled status is the body's text colour.
  expect(await colour('#status')).not.toBe(await colour('#again a'));
  expect(await colour('#status')).toBe(await colour('#greeting'));
});

test('completed: a receipt of what was agreed, paid or due, instead of the promise of one', async () => {
  await page.clock.setFixedTime(new Date('2026-11-28T12:00:00Z'));
  const done = (paid: boolean) =>
    markStatus({
      status: 'completed',
      status_label: 'Completed',
      timeline: [
        ...STEPS_SO_FAR,
        { status: 'on_site', label: 'On site', at: '2026-11-27T16:40:00Z' },
        { status: 'completed', label: 'Completed', at: '2026-11-27T17:05:00Z' },
      ],
      receipt: { service: 'Garage clean-out', paid },
    });
  api.set(LIVE, done(false));
  await page.goto(`${origin}/track/${LIVE}`);
  await expect(page.locator('#receipt')).toHaveText('Receipt');
  await expect(page.locator('#service')).toHaveText('Garage clean-out');
  await expect(page.locator('#pickup')).toHaveText('Fri, Nov 27, 1:00 PM – 3:00 PM');
  await expect(page.locator('#price')).toHaveText('$600.00 · Due');
  await expect(page.locator('#steps li.on')).toHaveCount(4);
  await expect(page.locator('#steps [aria-current="step"]')).toHaveText(/^Done/);

  api.set(LIVE, done(true));
  await page.reload();
  await expect(page.locator('#price')).toHaveText('$600.00 · Paid');
});

/** A booking document whose upload policy points at the fake bucket, valid for an hour. */
function openBooking(business: object): object {
  return {
    schema: 1,
    business,
    upload: {
      url: `${origin}/inbox-upload`,
      fields: { policy: 'p', 'x-amz-signature': 's' },
      key_prefix: 'inbox/',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    },
  };
}

/** The calendar file behind the confirmation's "Add to calendar", unfolded into lines. */
async function calendarLines(): Promise<string[]> {
  const link = page.getByRole('link', { name: 'Add to calendar' });
  await expect(link).toHaveAttribute('download', 'pickup.ics');
  const href = (await link.getAttribute('href')) ?? '';
  expect(href.startsWith('data:text/calendar;charset=utf-8,')).toBe(true);
  return decodeURIComponent(href.slice(href.indexOf(',') + 1))
    .replace(/\r\n /g, '')
    .split('\r\n');
}

test('the booking confirmation repeats what was asked and offers it as a calendar entry', async () => {
  bookingDocument = openBooking(CHICAGO);
  await page.goto(`${origin}/book/`);
  await page.getByLabel('Your name or business').fill('Mark');
  await page.getByLabel('Mobile phone').fill('(555) 010-0123');
  await page.getByLabel('Pickup address').fill('Apt 4B, 2250 North Lincoln Ave; back gate');
  await page.getByLabel('What to haul').selectOption('Furniture');
  await page.getByLabel('Preferred date').fill('2030-12-03');
  await page.getByLabel('Preferred time').selectOption('morning');
  await page.getByRole('button', { name: 'Request a pickup' }).click();
  const notice = page.locator('#notice');
  await expect(notice.locator('h2')).toHaveText('Request received');
  await expect(notice.locator('dd')).toHaveText([
    'Furniture',
    'Apt 4B, 2250 North Lincoln Ave; back gate',
    'Tue, Dec 3, Morning (8 AM – 12 PM)',
  ]);
  expect(uploads).toHaveLength(1);
  const lines = await calendarLines();
  // Morning in Chicago on Dec 3 is 14:00–18:00 UTC, whatever zone the phone is in.
  expect(lines).toContain('DTSTART:20301203T140000Z');
  expect(lines).toContain('DTEND:20301203T180000Z');
  expect(lines).toContain('LOCATION:Apt 4B\\, 2250 North Lincoln Ave\\; back gate');
  expect(lines).toContain('SUMMARY:Pickup requested: Furniture · Soderblom Hauling');
  expect(lines.find((l) => l.startsWith('UID:'))).toMatch(/^UID:[\w-]{16,}@127\.0\.0\.1:\d+$/);
  expect(cspErrors).toEqual([]);
});

test('the quote confirmation repeats the pickup, address and price, with a calendar entry', async () => {
  bookingDocument = openBooking(CHICAGO);
  api.set(
    LIVE,
    markStatus({
      status: 'requested',
      status_label: 'Requested',
      quote_ready: true,
      pickup: { start: '2030-11-27T19:00:00Z', end: '2030-11-27T21:00:00Z' },
      business: CHICAGO,
    }),
  );
  await page.goto(`${origin}/book/${LIVE}`);
  await page.getByRole('button', { name: 'Confirm this pickup' }).click();
  const notice = page.locator('#notice');
  await expect(notice.locator('h2')).toHaveText('Pickup confirmed');
  await expect(notice.locator('dd')).toHaveText([
    'Wed, Nov 27, 2030, 1:00 PM – 3:00 PM',
    '42 Birch Lane',
    '$600.00',
  ]);
  await expect(notice.getByRole('link', { name: 'Track your pickup' })).toHaveAttribute(
    'href',
    `/track/${LIVE}`,
  );
  const lines = await calendarLines();
  expect(lines).toContain('DTSTART:20301127T190000Z');
  expect(lines).toContain('DTEND:20301127T210000Z');
  expect(lines).toContain('LOCATION:42 Birch Lane');
});

test('the booking form marks each bad field beside it and focuses the first, its label in view', async () => {
  bookingDocument = openBooking(CHICAGO);
  const { defaultBrowserType: _webkit, ...iPhoneSE } = devices['iPhone SE'];
  const small = await page.context().browser()!.newContext(iPhoneSE);
  try {
    const phone = await small.newPage();
    await phone.goto(`${origin}/book/`);
    await phone.getByLabel('Your name or business').fill('Mark');
    await phone.getByRole('button', { name: 'Request a pickup' }).click();
    const first = phone.getByLabel('Mobile phone');
    await expect(first).toBeFocused();
    for (const id of ['f-phone', 'f-address', 'f-service', 'f-date']) {
      const field = phone.locator('#' + id);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAttribute('aria-describedby', id + '-error');
      await expect(phone.locator('#' + id + '-error')).toBeVisible();
    }
    await expect(phone.locator('#f-name')).not.toHaveAttribute('aria-invalid');
    const label = await phone.locator('label[for="f-phone"]').boundingBox();
    expect(label?.y ?? -1).toBeGreaterThanOrEqual(0);
    expect(uploads).toEqual([]);
  } finally {
    await small.close();
  }
});

test('a request that could not be sent keeps what was typed and offers the number to tap', async () => {
  bookingDocument = openBooking(CHICAGO);
  uploadStatus = 400;
  await page.goto(`${origin}/book/`);
  await page.getByLabel('Your name or business').fill('Mark');
  await page.getByLabel('Mobile phone').fill('(555) 010-0123');
  await page.getByLabel('Pickup address').fill('42 Birch Lane');
  await page.getByLabel('What to haul').selectOption('Furniture');
  await page.getByLabel('Preferred date').fill('2030-12-03');
  await page.getByRole('button', { name: 'Request a pickup' }).click();
  const error = page.locator('#form-error');
  await expect(error).toContainText("We couldn't send your request");
  await expect(error.getByRole('link', { name: '(555) 010-0199' })).toHaveAttribute(
    'href',
    'tel:5550100199',
  );
  await expect(page.getByLabel('Pickup address')).toHaveValue('42 Birch Lane');
});
