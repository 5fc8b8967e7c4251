import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { nextYearPickup } from './support/dates';

// Issue 17, Reports, in the console: jobs done this week and their revenue, by crew and by
// service, a chart per day, and the bookkeeper's CSV — the numbers `qdn report` gives.

const run = promisify(execFile);
let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});
test.describe.configure({ timeout: 90_000 });

const JOBS = [
  { customer_name: 'Maria Gonzalez', price: 350, service: 'Hot tub removal', assigned_to: 'Ana' },
  { customer_name: 'Tom Becker', price: 120.5, service: 'Fridge', assigned_to: 'Ana' },
  { customer_name: 'Priya Nair', price: 89, assigned_to: 'Tom S.' },
];

/** Three jobs made and completed through the contract, as the board's menu would; a fourth
 * made and left scheduled, its id returned. */
async function makeJobs(page: Page): Promise<string> {
  const pickup = nextYearPickup().iso;
  return page.evaluate(
    async ({ jobs, pickup }) => {
      const make = async (fields: object) => {
        const made = await window.qdn.createJob({
          customer_name: 'Olga Back',
          price: 40.5,
          ...fields,
          address: '1 Elm St',
          pickup_date: pickup,
          currency: 'USD',
        });
        if (!made.ok) throw new Error(made.error.message);
        return made.value.job.job_id;
      };
      for (const fields of jobs) {
        const done = await window.qdn.setJobStatus(await make(fields), 'completed');
        if (!done.ok) throw new Error(done.error.message);
      }
      return make({});
    },
    { jobs: JOBS, pickup },
  );
}

test('Reports totals this week by crew and service, draws the chart, exports the CSV', async ({
  page,
}) => {
  await page.goto(app.url);
  const open = await makeJobs(page);

  await page.getByRole('button', { name: 'Reports', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: 'Reports' });
  await expect(sheet.getByRole('heading', { name: 'Reports' })).toBeFocused();
  await expect(sheet.getByRole('radio', { name: 'This week' })).toHaveAttribute(
    'aria-checked',
    'true',
  );
  await expect(sheet.getByTestId('report-jobs-done')).toHaveText('3');
  await expect(sheet.getByTestId('report-revenue')).toHaveText('$559.50');

  const byCrew = sheet.locator('.reports-group', {
    has: page.getByRole('heading', { name: 'By crew' }),
  });
  await expect(byCrew.locator('tbody tr')).toHaveText([
    /Ana\s*2\s*\$470\.50/,
    /Tom S\.\s*1\s*\$89\.00/,
  ]);
  const byService = sheet.locator('.reports-group', {
    has: page.getByRole('heading', { name: 'By service' }),
  });
  await expect(byService.locator('tbody tr')).toHaveText([
    /Fridge\s*1\s*\$120\.50/,
    /Hot tub removal\s*1\s*\$350\.00/,
    /No service given\s*1\s*\$89\.00/,
  ]);

  // The chart is drawn: uPlot's canvas, sized to the sheet, with its summary as the label.
  const plot = sheet.locator('.report-chart-plot');
  await expect(plot).toHaveAttribute(
    'aria-label',
    /^Revenue in USD per day over 7 days; the most on /,
  );
  const canvas = plot.locator('canvas');
  await expect(canvas).toBeVisible();
  expect((await canvas.boundingBox())!.width).toBeGreaterThan(300);

  // Export CSV downloads the bookkeeper's rows, with a byte-order mark for Excel.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    sheet.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^jobs-done-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = await readFile(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFdate,customer,service,crew,price,currency\r\n')).toBe(true);
  expect(csv.trim().split('\r\n')).toHaveLength(4);
  expect(csv).toContain(',Maria Gonzalez,Hot tub removal,Ana,350.00,USD\r\n');

  // The crew's job closed from the CLI while the sheet is open: the report follows.
  await run(process.execPath, [
    'bin/qdn.js',
    'job',
    'set-status',
    open,
    'completed',
    '--workspace',
    app.workspace,
  ]);
  await expect(sheet.getByTestId('report-jobs-done')).toHaveText('4');
  await expect(sheet.getByTestId('report-revenue')).toHaveText('$600.00');

  // Last week had none of them; the keyboard moves along the periods.
  await sheet.getByRole('radio', { name: 'Last week' }).focus();
  await page.keyboard.press('Enter');
  await expect(sheet.getByTestId('report-jobs-done')).toHaveText('0');
  await expect(sheet.getByTestId('report-revenue')).toHaveText('—');
  await expect(sheet.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

  // From – to: a range backwards is refused in place, not asked of core.
  await sheet.getByRole('radio', { name: 'From – to' }).click();
  await sheet.getByLabel('From').fill('2030-12-09');
  await sheet.getByLabel('To').fill('2030-12-01');
  await expect(sheet.getByText('Pick a first day before the last.')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reports', exact: true })).toBeFocused();
});

// After the test above: its four completed jobs are this week's.
test('the Reports sheet at 1366×768, 1920×1080 and a phone, light and dark', async ({ page }) => {
  await page.goto(app.url);
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
    [390, 844],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      // The header with its Reports button, before the sheet covers it.
      await page.screenshot({
        path: `test-results/screens/reports-header-${width}x${height}-${scheme}.png`,
        clip: { x: 0, y: 0, width, height: 120 },
      });
      await page.getByRole('button', { name: 'Reports', exact: true }).click();
      const sheet = page.getByRole('dialog', { name: 'Reports' });
      await expect(sheet.getByTestId('report-jobs-done')).toHaveText('4');
      await expect(sheet.locator('.report-chart-plot canvas')).toBeVisible();
      // Nothing wider than the screen: the sheet never scrolls sideways.
      expect(await sheet.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await page.screenshot({
        path: `test-results/screens/reports-${width}x${height}-${scheme}.png`,
      });
      await page.keyboard.press('Escape');
      await expect(sheet).toBeHidden();
    }
  }
});
