import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { seedJobs } from './support/seed-jobs';
import { onBoardByDefault } from './support/board-count';
import { dayKeyOf, zonedInstant } from '../src/shared/zoned-time';

// A dispatcher with a real day: 500 jobs on the board, and one customer on the phone.
const ZONE = 'America/Chicago'; // the sandbox business's zone (Settings' default)
// The page's clock stays at the seeding time, so a run across midnight in Chicago still finds
// these pickups under "today".
const SEEDED_AT = new Date();
const today = dayKeyOf(SEEDED_AT, ZONE);
const at = (hour: number) => zonedInstant(today, hour, 0, ZONE).toISOString();
/** Today's pickups (Chicago), per crew member, out of pickup order on purpose. */
const TODAY: Record<number, object> = {
  10: {
    customer_name: 'Zelda Quill',
    address: '88 Quarry Rd',
    phone: '+1 (312) 555-7788',
    assigned_to: 'Tom S.',
    status: 'scheduled',
    pickup_date: at(14),
  },
  11: {
    customer_name: 'Early Bird',
    assigned_to: 'Tom S.',
    status: 'en_route',
    pickup_date: at(8),
  },
  12: {
    customer_name: 'Mid Morning',
    assigned_to: 'Ana R.',
    status: 'scheduled',
    pickup_date: at(10),
  },
  13: {
    customer_name: 'Nobody Yet',
    // No assignee (undefined leaves jobs.json without the field).
    assigned_to: undefined,
    status: 'requested',
    pickup_date: at(9),
  },
};

let app: RunningConsole;
/** What the find bar counts with nothing picked: the board's default range of the 500. */
let onBoard = 0;
test.beforeAll(async () => {
  const jobs = seedJobs(
    500,
    (i) => {
      const fixed = TODAY[i];
      if (fixed) return fixed;
      // Nobody else is picked up today: the Day view shows exactly the four above.
      return i % 8 === 6 || i % 8 === 7
        ? {
            pickup_date: new Date(SEEDED_AT.getTime() - 86_400_000 * (2 + (i % 5))).toISOString(),
          }
        : {};
    },
    SEEDED_AT.getTime(),
  );
  onBoard = onBoardByDefault(jobs, SEEDED_AT);
  app = await startConsole({ jobs });
});
test.afterAll(async () => {
  await app.stop();
});
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(SEEDED_AT);
});

const cards = (page: Page) =>
  page.getByRole('region', { name: 'Jobs by status' }).getByRole('article');

test('search and filters find one job among 500, and survive a reload', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByText(`${onBoard} jobs`, { exact: true })).toBeVisible();

  // "/" goes to the search box from anywhere; the board narrows as the dispatcher types.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search jobs' });
  await expect(search).toBeFocused();
  await page.keyboard.type('quarry');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAccessibleName(/^Zelda Quill, Scheduled/);
  await expect(page.getByText('1 of 500')).toBeVisible();

  // The phone as the customer reads it out, any spacing: matched by its digits.
  await search.fill('312 555 7788');
  await expect(cards(page)).toHaveCount(1);
  await search.fill('');
  await expect(page.getByText(`${onBoard} jobs`, { exact: true })).toBeVisible();

  // Today, scheduled, Tom's: Zelda alone.
  await page.getByRole('radio', { name: 'Today' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('scheduled');
  await page.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Tom S.' });
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAccessibleName(/^Zelda Quill,/);

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Today' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('scheduled');
  await expect(page.getByRole('combobox', { name: 'Assignee' })).toHaveValue('name:Tom S.');
  await expect(cards(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByText(`${onBoard} jobs`, { exact: true })).toBeVisible();
});

test("the Day view lists today's jobs per assignee, in pickup order, the unassigned last", async ({
  page,
}) => {
  await page.goto(app.url);
  await page.getByRole('radio', { name: 'Day', exact: true }).click();
  const day = page.getByRole('region', { name: /^Today,/ });
  const crews = day.getByRole('region');
  await expect(crews).toHaveCount(3);
  await expect(crews.nth(0)).toHaveAccessibleName('Ana R.');
  await expect(crews.nth(1)).toHaveAccessibleName('Tom S.');
  await expect(crews.nth(2)).toHaveAccessibleName('Unassigned');
  // The Day view is a schedule now (e2e/schedule.spec.ts): each job a block, in time order.
  const toms = crews.nth(1).getByRole('button');
  await expect(toms).toHaveCount(2);
  await expect(toms.nth(0)).toHaveAccessibleName(/Early Bird/);
  await expect(toms.nth(1)).toHaveAccessibleName(/Zelda Quill/);
  await expect(crews.nth(2).getByRole('button')).toHaveAccessibleName(/Nobody Yet/);
  // The view is kept too.
  await page.reload();
  await expect(page.getByRole('radio', { name: 'Day', exact: true })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await page.getByRole('radio', { name: 'Board' }).click();
});
