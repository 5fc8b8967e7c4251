import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { buildSite } from '../site/build/build-site';
import { isEdgeResponse, loadViewerRequestFunction } from '../src/core/sandbox/edge-function';
import type { PublicStatus } from '../src/shared/public-status';

/*
 * An outside judge of the public pages: axe-core on every state a customer meets, in light and
 * in dark, must find nothing. The pages' CSP rightly refuses axe's injected script, so these
 * contexts bypass it (the CSP itself is held by e2e/track-page.spec.ts). Screenshots of each
 * state at a phone's and a laptop's size land in /tmp/shots/site/, to be looked at.
 */

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SHOTS = '/tmp/shots/site';
const BUSINESS = {
  name: 'Soderblom Hauling',
  phone: '(555) 010-0199',
  time_zone: 'America/Chicago',
};

const TOKENS = {
  scheduled: 'A11y-scheduled-TOKEN-A11y-scheduled-TOKEN-01',
  en_route: 'A11y-en-route-TOKEN-A11y-en-route-TOKEN-0001',
  completed: 'A11y-completed-TOKEN-A11y-completed-TOKEN-01',
  canceled: 'A11y-canceled-TOKEN-A11y-canceled-TOKEN-0001',
  quote: 'A11y-quote-TOKEN-A11y-quote-TOKEN-A11y-quote1',
} as const;

const TIMELINE: PublicStatus['timeline'] = [
  { status: 'requested', label: 'Requested', at: '2030-11-20T14:00:00Z' },
  { status: 'scheduled', label: 'Scheduled', at: '2030-11-21T15:30:00Z' },
  { status: 'en_route', label: 'En route', at: '2030-11-27T16:12:00Z' },
  { status: 'on_site', label: 'On site', at: '2030-11-27T16:40:00Z' },
  { status: 'completed', label: 'Completed', at: '2030-11-27T17:05:00Z' },
];

function statusDocument(overrides: Partial<PublicStatus>): PublicStatus {
  return {
    schema: 1,
    first_name: 'Mark',
    status: 'scheduled',
    status_label: 'Scheduled',
    pickup: { start: '2030-11-27T19:00:00Z', end: '2030-11-27T21:00:00Z' },
    address: 'Apt 4B, 2250 North Lincoln Ave',
    price: { amount: 240, currency: 'USD' },
    timeline: TIMELINE.slice(0, 2),
    business: BUSINESS,
    updated_at: '2030-11-21T15:30:00Z',
    ...overrides,
  };
}

const DOCUMENTS = new Map<string, PublicStatus>([
  [TOKENS.scheduled, statusDocument({})],
  [
    TOKENS.en_route,
    statusDocument({
      status: 'en_route',
      status_label: 'En route',
      timeline: TIMELINE.slice(0, 3),
    }),
  ],
  [
    TOKENS.completed,
    statusDocument({
      status: 'completed',
      status_label: 'Completed',
      timeline: TIMELINE,
      receipt: { service: 'Garage clean-out', paid: false },
    }),
  ],
  [
    TOKENS.canceled,
    statusDocument({
      status: 'canceled',
      status_label: 'Canceled',
      timeline: [
        ...TIMELINE.slice(0, 2),
        {
          status: 'canceled',
          label: 'Canceled',
          at: '2030-11-26T15:00:00Z',
          reason: 'Our truck broke down',
        },
      ],
    }),
  ],
  [
    TOKENS.quote,
    statusDocument({ status: 'requested', status_label: 'Requested', quote_ready: true }),
  ],
]);

let server: Server;
let origin: string;
let siteDir: string;

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** Origin and edge in one, as in e2e/track-page.spec.ts: the real viewer-request function. */
async function startServer(dir: string): Promise<Server> {
  const edge = loadViewerRequestFunction(
    await readFile(new URL('../site/edge/viewer-request.js', import.meta.url), 'utf8'),
  );
  const json = (res: ServerResponse, value: unknown) =>
    send(res, 200, 'application/json', JSON.stringify(value));
  const srv = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/inbox-upload' && req.method === 'POST') {
        // The upload is taken, not judged: only the page that follows it is.
        req.resume();
        return void req.on('end', () => res.writeHead(204).end());
      }
      if (url.pathname === '/api/business.json')
        return json(res, { schema: 1, business: BUSINESS });
      if (url.pathname === '/api/book-upload.json') {
        return json(res, {
          schema: 1,
          business: BUSINESS,
          upload: {
            url: `${origin}/inbox-upload`,
            fields: { policy: 'p' },
            key_prefix: 'inbox/',
            expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          },
        });
      }
      const doc = /^\/api\/track\/([^/]+)\.json$/.exec(url.pathname);
      if (doc) {
        const found = DOCUMENTS.get(doc[1] ?? '');
        return found ? json(res, found) : send(res, 404, 'application/json', '{}');
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
        request: { method: 'GET', uri: url.pathname, querystring: {}, headers: {}, cookies: {} },
      });
      if (isEdgeResponse(out)) return send(res, out.statusCode, 'text/plain', '');
      const file = path.join(dir, path.normalize(decodeURIComponent(out.uri)));
      if (!file.startsWith(dir + path.sep)) return send(res, 400, 'text/plain', 'bad path');
      try {
        const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : 'image/svg+xml';
        return send(res, 200, type, await readFile(file));
      } catch {
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

test.beforeAll(async () => {
  siteDir = await mkdtemp(path.join(tmpdir(), 'qdn-e2e-a11y-'));
  await buildSite(siteDir);
  server = await startServer(siteDir);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(siteDir, { recursive: true, force: true });
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Every axe rule (WCAG 2.x A/AA and best practices) on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<unknown> } }).axe;
    return ((await axe.run()) as { violations: Violation[] }).violations;
  });
  // One line per failing node, so a failure names what to fix.
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
  );
}

/** The states a customer meets, each with what shows once it is ready. */
const STATES: {
  name: string;
  link: string;
  ready: string;
  then?: (page: Page) => Promise<void>;
}[] = [
  { name: 'track-scheduled', link: `/track/${TOKENS.scheduled}`, ready: '#steps li' },
  { name: 'track-en-route', link: `/track/${TOKENS.en_route}`, ready: '#since' },
  { name: 'track-completed', link: `/track/${TOKENS.completed}`, ready: '#receipt' },
  { name: 'track-canceled', link: `/track/${TOKENS.canceled}`, ready: '#again' },
  { name: 'book-empty', link: '/book/', ready: '#request' },
  {
    name: 'book-errors',
    link: '/book/',
    ready: '#request',
    then: async (page) => {
      await page.getByRole('button', { name: 'Request a pickup' }).click();
      await expect(page.locator('#f-name-error')).toBeVisible();
    },
  },
  {
    name: 'book-received',
    link: '/book/',
    ready: '#request',
    then: async (page) => {
      await page.getByLabel('Your name or business').fill('Mark');
      await page.getByLabel('Mobile phone').fill('(555) 010-0123');
      await page.getByLabel('Pickup address').fill('Apt 4B, 2250 North Lincoln Ave');
      await page.getByLabel('What to haul').selectOption('Furniture');
      await page.getByLabel('Preferred date').fill('2030-12-03');
      await page.getByRole('button', { name: 'Request a pickup' }).click();
      await expect(page.getByRole('link', { name: 'Add to calendar' })).toBeVisible();
    },
  },
  { name: 'quote', link: `/book/${TOKENS.quote}`, ready: '#quote' },
  {
    name: 'quote-confirmed',
    link: `/book/${TOKENS.quote}`,
    ready: '#quote',
    then: async (page) => {
      await page.getByRole('button', { name: 'Confirm this pickup' }).click();
      await expect(page.getByRole('link', { name: 'Add to calendar' })).toBeVisible();
    },
  },
  { name: 'not-found', link: '/no-such-page', ready: '#contact' },
];

for (const scheme of ['light', 'dark'] as const) {
  for (const state of STATES) {
    test(`axe finds no violation: ${state.name}, ${scheme}`, async ({ browser }) => {
      for (const [size, viewport] of [
        ['390', { width: 390, height: 844 }],
        ['1280', { width: 1280, height: 800 }],
      ] as const) {
        const context = await browser.newContext({
          viewport,
          colorScheme: scheme,
          bypassCSP: true,
          locale: 'en-US',
          timezoneId: 'America/New_York',
        });
        try {
          const page = await context.newPage();
          await page.goto(origin + state.link);
          await expect(page.locator(state.ready).first()).toBeVisible();
          await state.then?.(page);
          await page.screenshot({
            path: path.join(SHOTS, `${state.name}-${size}-${scheme}.png`),
            fullPage: true,
          });
          // axe once per state and scheme: the narrow layout is the one a customer has.
          if (size === '390') expect(await axeViolations(page)).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }
}
