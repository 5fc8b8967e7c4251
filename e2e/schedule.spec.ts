import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { addDays, dayKeyOf, zonedInstant } from '../src/shared/zoned-time';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import type { SeedJob } from './support/seed-jobs';

// Tomorrow planned by crew on a time line: three crew members from Settings, one with two
// overlapping jobs, an unassigned request. Screenshots go to test-results/screens/ to be
// looked at, not diffed.
const ZONE = 'America/Chicago';
const today = dayKeyOf(new Date(), ZONE);
const tomorrow = addDays(today, 1);
const at = (day: string, hour: number, minute = 0) =>
  zonedInstant(day, hour, minute, ZONE).toISOString();

function job(
  name: string,
  day: string,
  [from, to]: [number, number],
  extra: Partial<SeedJob> & { service?: string; pickup_window_end?: string } = {},
): SeedJob & { service?: string; pickup_window_end?: string } {
  const hm = (t: number): [number, number] => [Math.floor(t), Math.round((t % 1) * 60)];
  return {
    job_id: randomBytes(8).toString('hex'),
    customer_name: name,
    address: '4410 N Clark St, Chicago, IL',
    status: 'scheduled',
    pickup_date: at(day, ...hm(from)),
    pickup_window_end: at(day, ...hm(to)),
    price: 350,
    currency: 'USD',
    tracking_token: randomBytes(32).toString('base64url'),
    created_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    ...extra,
  };
}

const JOBS = [
  job('Maria Gonzalez', tomorrow, [13, 17], { assigned_to: 'Tom S.', service: 'Hot tub removal' }),
  job('Priya Nair', tomorrow, [13.5, 15.5], {
    assigned_to: 'Tom S.',
    service: 'Junk removal – full truck, garage and basement',
  }),
  job('Dwayne Whitfield', tomorrow, [8, 9], { assigned_to: 'Tom S.', service: 'Appliance pickup' }),
  job('Olivia Bennett', tomorrow, [9, 11], { assigned_to: 'Ana R.', service: 'Yard waste' }),
  job('Hannah Kowalczyk', tomorrow, [10.5, 12], {
    assigned_to: 'Truck 2',
    service: '20yd dumpster drop',
  }),
  job('Request Ramirez', tomorrow, [15, 16], { status: 'requested', service: 'Hot tub removal' }),
  job('Today Tanaka', today, [10, 11], { assigned_to: 'Ana R.', service: 'Yard waste' }),
];

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({ jobs: JOBS });
  // The crew as Settings saves it (config.json is read afresh on each call).
  const file = path.join(app.workspace, 'config.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  config.crew = [
    { name: 'Tom S.', kind: 'driver' },
    { name: 'Ana R.', kind: 'driver' },
    { name: 'Truck 2', kind: 'truck' },
  ];
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
});
test.afterAll(async () => {
  await app.stop();
});

const headingOf = (day: string) =>
  new Intl.DateTimeFormat('en-US', {
    timeZone: ZONE,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
  }).format(zonedInstant(day, 12, 0, ZONE));

async function openTomorrow(page: Page) {
  await page.goto(app.url);
  await page.getByRole('radio', { name: 'Day', exact: true }).click();
  await page.getByRole('radio', { name: 'Tomorrow' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /^Tomorrow, / })).toBeVisible();
}

test('Tomorrow shows tomorrow by crew on a time line, the overlap flagged; a block opens its job', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openTomorrow(page);
  const schedule = page.getByRole('region', { name: `Tomorrow, ${headingOf(tomorrow)}` });
  await expect(schedule).toBeVisible();

  const lanes = schedule.getByRole('region');
  await expect(lanes).toHaveCount(4);
  for (const [n, name] of ['Tom S.', 'Ana R.', 'Truck 2', 'Unassigned'].entries()) {
    await expect(lanes.nth(n)).toHaveAccessibleName(name);
  }
  const tom = lanes.nth(0);
  // Today's job is not tomorrow's.
  await expect(schedule.getByRole('button', { name: /Today Tanaka/ })).toHaveCount(0);
  await expect(lanes.nth(3).getByRole('button', { name: /Request Ramirez/ })).toBeVisible();

  // The overlap in words, in the lane's header and on both blocks.
  await expect(tom.getByText('2 jobs overlap 1:30–3:30 PM')).toBeVisible();
  const maria = tom.getByRole('button', { name: /Maria Gonzalez/ });
  const priya = tom.getByRole('button', { name: /Priya Nair/ });
  await expect(maria).toContainText(/⚠ .* · Overlap/);
  await expect(priya).toContainText(/⚠ .* · Overlap/);
  await expect(maria).toContainText('1–5 PM');
  await expect(maria).toContainText('Maria');
  await expect(maria).toContainText('Hot tub removal');
  await expect(tom.getByRole('button', { name: /Dwayne Whitfield/ })).not.toContainText('Overlap');

  // Blocks never meet: each block's box is apart from every other's in the lane.
  const boxes = await tom
    .getByRole('button')
    .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 0; i < boxes.length; i++) {
    for (let k = i + 1; k < boxes.length; k++) {
      const [a, b] = [boxes[i]!, boxes[k]!];
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      expect(apart, `blocks ${i} and ${k} overlap on screen`).toBe(true);
    }
  }
  // A long service clips inside its block.
  const what = priya.locator('.block-what');
  const clip = await what.evaluate((el) => ({
    inside: el.getBoundingClientRect().right <= el.parentElement!.getBoundingClientRect().right,
    style: getComputedStyle(el).textOverflow,
  }));
  expect(clip).toEqual({ inside: true, style: 'ellipsis' });

  // Keyboard: the blocks go in time order within a lane.
  await tom.getByRole('button').first().focus();
  await expect(tom.getByRole('button').first()).toHaveAccessibleName(/^8–9 AM, Dwayne/);
  await page.keyboard.press('Tab');
  await expect(maria).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(priya).toBeFocused();

  // A block opens the job.
  await maria.click();
  const panel = page.getByRole('complementary');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Maria Gonzalez');
  await page.keyboard.press('Escape');

  // ] goes a day on, [ back; Today comes home; the date input picks any day.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(headingOf(addDays(today, 2)));
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(
    `Tomorrow, ${headingOf(tomorrow)}`,
  );
  await page.getByRole('button', { name: 'Previous day' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Today, ${headingOf(today)}`);
  await expect(schedule.page().getByRole('button', { name: /Today Tanaka/ })).toBeVisible();
  await page.getByLabel('Day', { exact: true }).fill(addDays(today, 9));
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(headingOf(addDays(today, 9)));
  await expect(page.getByText('No pickups this day.')).toBeVisible();
  await page.getByRole('button', { name: 'Today', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Today, ${headingOf(today)}`);

  // The week: a row per lane, a cell per day, tomorrow's overlap flagged in its cell.
  await page.getByRole('radio', { name: 'Week', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/^Week of Monday, /);
  const tomRow = page.getByRole('row', { name: 'Tom S.' });
  const tomorrowCell = tomRow.getByRole('cell').filter({ hasText: 'Maria' });
  await expect(tomorrowCell).toContainText('2 jobs overlap 1:30–3:30 PM');
  await expect(tomorrowCell.getByRole('button')).toHaveCount(3);
  await expect(page.getByRole('row', { name: 'Ana R.' })).toContainText('Today');
  // A day's header opens that day on the time line.
  await page
    .getByRole('columnheader')
    .getByRole('button')
    .filter({ hasText: /^Today · / })
    .click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(`Today, ${headingOf(today)}`);
});

for (const [width, height] of [
  [1366, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`tomorrow's schedule at ${width}×${height} in ${scheme}`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await openTomorrow(page);
      await page.screenshot({
        path: `test-results/screens/schedule-${width}x${height}-${scheme}.png`,
      });
      await page.getByRole('button', { name: /Maria Gonzalez/ }).click();
      await expect(page.getByRole('complementary')).toBeVisible();
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screens/schedule-panel-${width}x${height}-${scheme}.png`,
      });
      // The warning stays readable with the panel open.
      await expect(page.getByText('2 jobs overlap 1:30–3:30 PM')).toBeVisible();
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: 'Week', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2 })).toHaveText(/^Week of /);
      await page.screenshot({
        path: `test-results/screens/schedule-week-${width}x${height}-${scheme}.png`,
      });
    });
  }
}

test("the find bar counts the schedule's day, not the Tomorrow it was opened with", async ({
  page,
}) => {
  await openTomorrow(page);
  const count = page.getByRole('search', { name: 'Find jobs' }).locator('.found');
  const pickups = page.locator('.schedule-count');
  await expect(pickups).toHaveText(/^\d+ pickups?$/);
  const onTomorrow = (await pickups.textContent())!.split(' ')[0]!;
  await expect(count).toContainText(new RegExp(`^${onTomorrow} of \\d+`));
  // On to the day after: the schedule is empty there, and so is the count.
  await page.getByRole('button', { name: 'Next day' }).click();
  await expect(page.getByText('No pickups this day.')).toBeVisible();
  await expect(count).toContainText(/^0 of \d+/);
});

test('a block dragged to another lane and an hour on is reassigned and moved, with Undo; by keyboard too', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openTomorrow(page);
  const lane = (name: string) => page.getByRole('region', { name, exact: true });
  const olivia = lane('Ana R.').getByRole('button', { name: /Olivia Bennett/ });
  await expect(olivia).toContainText('9–11 AM');

  // By mouse: Olivia from Ana R. 9 AM to Truck 2, an hour later.
  const track = (await lane('Truck 2').locator('.lane-track').boundingBox())!;
  const hour = track.width / 12; // the axis runs 7 AM–7 PM
  const from = (await olivia.boundingBox())!;
  await page.mouse.move(from.x + 10, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(from.x + 10 + hour, track.y + track.height / 2, { steps: 10 });
  // The save is held back: the block must land before its answer (issue 17).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/__harness/call/editJob', async (route) => {
    await held;
    await route.continue();
  });
  await page.mouse.up();
  const moved = lane('Truck 2').getByRole('button', { name: /Olivia Bennett/ });
  await expect(moved).toContainText('10 AM–12 PM');
  await expect(moved).toHaveAttribute('aria-busy', 'true');
  await expect(moved).toContainText('saving…');
  await expect(lane('Ana R.').getByRole('button', { name: /Olivia Bennett/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/schedule-drag-saving-1366x768.png' });
  release();
  await expect(page.getByText("Moved Olivia Bennett's job to Truck 2, 10 AM.")).toBeVisible();
  await expect(moved).not.toHaveAttribute('aria-busy', 'true');
  await page.unroute('**/__harness/call/editJob');
  await page.screenshot({ path: 'test-results/screens/schedule-after-drag-1366x768.png' });
  await expect(lane('Ana R.').getByRole('button', { name: /Olivia Bennett/ })).toHaveCount(0);
  // Undo puts her back, time and crew.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(lane('Ana R.').getByRole('button', { name: /Olivia Bennett/ })).toContainText(
    '9–11 AM',
  );

  // By keyboard: Hannah (Truck 2, 10:30) up a lane to Ana R. and half an hour on.
  const hannah = lane('Truck 2').getByRole('button', { name: /Hannah Kowalczyk/ });
  // The Undo above reloads the board: focus the block as drawn now, and give each key a beat
  // to be seen by the drag (under a loaded machine the keys otherwise outrun it).
  await expect(hannah).toContainText('10:30 AM');
  await hannah.focus();
  await expect(hannah).toBeFocused();
  for (const key of ['Space', 'ArrowUp', 'ArrowRight', 'ArrowRight']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Space');
  await expect(page.getByText("Moved Hannah Kowalczyk's job to Ana R., 11 AM.")).toBeVisible();
  await expect(lane('Ana R.').getByRole('button', { name: /Hannah Kowalczyk/ })).toContainText(
    '11 AM–12:30 PM',
  );
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(lane('Truck 2').getByRole('button', { name: /Hannah Kowalczyk/ })).toContainText(
    '10:30 AM–12 PM',
  );
  // Enter still opens the job.
  await lane('Truck 2')
    .getByRole('button', { name: /Hannah Kowalczyk/ })
    .press('Enter');
  await expect(page.getByRole('complementary')).toContainText('Hannah Kowalczyk');
});
