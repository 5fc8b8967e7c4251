import { expect, test } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { seedJobs } from './support/seed-jobs';

// A customer calls about a pickup from two months ago: the job left the board for the archive
// (issue 9), and the dispatcher still finds it by searching with "Archived" ticked.
const DAY = 86_400_000;
const finished = new Date(Date.now() - 60 * DAY).toISOString();

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({
    jobs: seedJobs(20, (i) =>
      i === 3
        ? {
            customer_name: 'Archie Oldfield',
            address: '9 Gravel Pit Rd',
            status: 'completed',
            pickup_date: finished,
            created_at: new Date(Date.now() - 70 * DAY).toISOString(),
            updated_at: finished,
            history: [
              { status: 'scheduled', at: new Date(Date.now() - 70 * DAY).toISOString() },
              { status: 'completed', at: finished },
            ],
          }
        : {},
    ),
  });
});
test.afterAll(async () => {
  await app.stop();
});

test('a job archived long after it finished is found by search with Archived ticked', async ({
  page,
}) => {
  await page.goto(app.url);
  // The console archives long-finished jobs in the background as it starts.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const archived = await window.qdn.listArchivedJobs();
          return archived.ok ? archived.value.map((job) => job.customer_name) : [];
        }),
      { timeout: 15_000 },
    )
    .toContain('Archie Oldfield');

  const board = page.getByRole('region', { name: 'Jobs by status' });
  await page.getByRole('searchbox', { name: 'Search jobs' }).fill('gravel pit');
  await expect(board.getByRole('article')).toHaveCount(0);

  await page.getByRole('checkbox', { name: 'Include archived jobs' }).check();
  // Shown read-only, and said to be archived.
  await expect(board.getByRole('article')).toHaveCount(1);
  await expect(board.getByRole('article')).toHaveAccessibleName(
    'Archie Oldfield, Completed, archived',
  );
  await expect(board.getByRole('article')).toContainText('9 Gravel Pit Rd');

  await page.getByRole('checkbox', { name: 'Include archived jobs' }).uncheck();
  await expect(board.getByRole('article')).toHaveCount(0);
});
