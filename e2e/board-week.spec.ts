import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { addDays, dayKeyOf, zonedInstant } from '../src/shared/zoned-time';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import type { SeedJob } from './support/seed-jobs';

// A dispatcher's real week on a 1366×768 laptop with the job panel open, and on a 1920×1080
// desk: names, times, services and crews readable on every card, the days under headers, an
// overdue job in sight. Screenshots go to test-results/screens/ to be looked at, not diffed.
const ZONE = 'America/Chicago';
const SERVICES = [
  'Hot tub removal',
  '20yd dumpster drop',
  'Junk removal – full truck',
  'Appliance pickup',
  'Yard waste',
  '10yd dumpster swap',
];
const CREW = ['Tom S.', 'Ana R.', 'Luis M.', 'Truck 2'];
const NAMES = [
  'Maria Gonzalez',
  'Olivia Bennett',
  'Priya Nair',
  'Dwayne Whitfield',
  'Hannah Kowalczyk',
  'Marcus Oyelaran',
  'Sofia Lindqvist',
  'Jamal Richardson',
];
const STREETS = ['4410 N Clark St', '2235 W Belmont Ave', '918 S Wabash Ave', '5600 N Sheridan Rd'];

function job(
  i: number,
  status: SeedJob['status'],
  day: number,
  hour: number,
  minute = 0,
  extra: Partial<SeedJob> & { service?: string; quoted_at?: string } = {},
): SeedJob & { service?: string } {
  const today = dayKeyOf(new Date(), ZONE);
  const at = zonedInstant(addDays(today, day), hour, minute, ZONE).toISOString();
  return {
    job_id: randomBytes(8).toString('hex'),
    customer_name: NAMES[i % NAMES.length]!,
    address: `${STREETS[i % STREETS.length]}, Chicago, IL`,
    status,
    pickup_date: at,
    price: 250 + (i % 5) * 50,
    currency: 'USD',
    tracking_token: randomBytes(32).toString('base64url'),
    created_at: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    assigned_to: CREW[i % CREW.length]!,
    service: SERVICES[i % SERVICES.length]!,
    updated_at: new Date(Math.min(Date.now(), Date.parse(at))).toISOString(),
    ...extra,
  };
}

/** 46 scheduled over six days, a few on the road, a request to quote, one overdue, some done. */
function week() {
  const jobs: (SeedJob & { service?: string })[] = [];
  let i = 0;
  for (let day = 0; day < 6; day++) {
    for (let n = 0; n < (day === 0 ? 6 : 8); n++) jobs.push(job(i++, 'scheduled', day, 8 + n, 30));
  }
  jobs.push(
    job(i++, 'scheduled', 0, 23, 30, { customer_name: 'Late Night Larsen' }),
    job(i++, 'scheduled', -2, 10, 0, { customer_name: 'Overdue Okafor' }),
    job(i++, 'requested', 1, 9, 0, {
      customer_name: 'Request Ramirez',
      price: 0,
      service: 'Hot tub removal',
    }),
    job(i++, 'requested', 2, 13, 0, {
      customer_name: 'Quoted Quinn',
      quoted_at: new Date().toISOString(),
    }),
    job(i++, 'en_route', 0, 9, 0),
    job(i++, 'on_site', 0, 8, 0),
    job(i++, 'completed', 0, 7, 0),
    job(i++, 'completed', -1, 11, 0),
    job(i++, 'canceled', 1, 15, 0),
  );
  return jobs;
}

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({ jobs: week() });
});
test.afterAll(async () => {
  await app.stop();
});

/** Whether a piece of a card shows its whole text: on screen, wide enough, not cut to "…". */
async function shownWhole(part: Locator): Promise<void> {
  await expect(part).toBeVisible();
  const fits = await part.evaluate((el) => ({
    text: el.textContent ?? '',
    width: el.getBoundingClientRect().width,
    cut: el.scrollWidth > el.clientWidth + 1,
  }));
  expect(fits.text.trim().length, 'text').toBeGreaterThan(0);
  expect(fits.width, `${fits.text} width`).toBeGreaterThan(20);
  expect(fits.cut, `${fits.text} is cut`).toBe(false);
}

async function openBoard(page: Page, width: number, height: number, scheme: 'light' | 'dark') {
  await page.setViewportSize({ width, height });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(app.url);
  await expect(page.getByRole('article').first()).toBeVisible();
}

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`a week at ${width}×${height} in ${scheme}: the panel open beside readable cards`, async ({
      page,
    }) => {
      await openBoard(page, width, height, scheme);
      const scheduled = page.locator('[data-status="scheduled"]');
      await page.screenshot({ path: `test-results/screens/week-${width}x${height}-${scheme}.png` });

      const maria = scheduled.getByRole('article', { name: /^Maria Gonzalez,/ }).first();
      await maria.click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screens/week-panel-${width}x${height}-${scheme}.png`,
      });

      // The panel beside the board, not over the open work: every open column stays in view.
      const panel = (await page.getByRole('complementary').boundingBox())!;
      for (const status of ['requested', 'scheduled', 'en_route', 'on_site']) {
        const column = (await page.locator(`[data-status="${status}"]`).boundingBox())!;
        expect(column.x + column.width, status).toBeLessThanOrEqual(panel.x + 1);
      }

      // Each card in view: name, time, service and crew, whole.
      const cards = scheduled.getByRole('article');
      const count = Math.min(await cards.count(), 4);
      expect(count).toBeGreaterThan(0);
      for (let n = 0; n < count; n++) {
        const card = cards.nth(n);
        if (!(await card.isVisible())) continue;
        await shownWhole(card.getByRole('heading'));
        await shownWhole(card.locator('time'));
        // A service of a usual length reads whole; a longer one keeps most of its words.
        const service = card.locator('.card-what');
        if (((await service.textContent()) ?? '').length <= 20) await shownWhole(service);
        else expect((await service.boundingBox())!.width).toBeGreaterThan(140);
        await shownWhole(card.locator('.assignee'));
      }
      await expect(maria.locator('.card-what')).toHaveText('Hot tub removal');

      // The days under headers in the business's zone; the late-night job is today's there.
      await expect(scheduled.getByRole('heading', { name: /^Today · / })).toBeVisible();
      await expect(scheduled.getByRole('heading', { name: /^Tomorrow · / })).toBeAttached();
      // An overdue open job is never hidden: it leads its column under "Earlier".
      await expect(scheduled.getByRole('heading', { name: /^Earlier/ })).toBeVisible();
      await expect(scheduled.getByRole('article', { name: /^Overdue Okafor,/ })).toBeVisible();

      // Scrolled down, the day in view keeps its header pinned on top of the column.
      const list = scheduled.locator('.column-scroll');
      await list.evaluate((el) => el.scrollTo(0, 1400));
      const pinned = scheduled.locator('.day-row-pinned .day-header');
      await expect(pinned).toHaveText(/^(Tomorrow · |Wed |Thu |Fri |Sat |Sun |Mon )/);
      const top = (await list.boundingBox())!.y;
      expect(Math.abs((await pinned.boundingBox())!.y - top)).toBeLessThan(4);
      await page.screenshot({
        path: `test-results/screens/week-panel-scrolled-${width}x${height}-${scheme}.png`,
      });
      await list.evaluate((el) => el.scrollTo(0, 0));

      if (width < 1600) {
        // Beside the panel the closed columns are rails; one pressed opens, the other stays.
        const completed = page.locator('[data-status="completed"]');
        await completed.getByRole('button', { name: /^Completed/ }).click();
        await expect(completed.getByRole('heading', { name: /^Today · / })).toBeVisible();
        await expect(
          page.locator('[data-status="canceled"]').getByRole('button', { name: /^Canceled/ }),
        ).toBeVisible();
      }

      // A request with no price says so.
      const request = page
        .locator('[data-status="requested"]')
        .getByRole('article', { name: /^Request Ramirez,/ });
      await expect(request.locator('.price')).toHaveText('needs quote');
      await expect(request).not.toContainText('$0.00');
    });
  }
}

test('an empty board says how to start, and the sample day fills it with today', async ({
  page,
}) => {
  const fresh = await startConsole();
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(fresh.url);
    const hint = page.getByRole('region', { name: 'No jobs yet' });
    await expect(hint).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/first-run-1366x768-light.png' });

    await hint.getByRole('button', { name: /^Create a job/ }).click();
    await expect(page.getByRole('dialog', { name: 'New job' })).toBeVisible();
    await page.keyboard.press('Escape');

    await hint.getByRole('button', { name: 'Load a sample day' }).click();
    await expect(hint).toBeHidden();
    const scheduled = page.locator('[data-status="scheduled"]');
    await expect(scheduled.getByRole('heading', { name: /^Today · / })).toBeVisible();
    await expect(scheduled.getByRole('article', { name: /^Maria Gonzalez,/ })).toBeVisible();
    await expect(
      page.locator('[data-status="requested"]').getByRole('article').locator('.price'),
    ).toHaveText('needs quote');
    await page.screenshot({ path: 'test-results/screens/sample-day-1366x768-light.png' });
  } finally {
    await fresh.stop();
  }
});
