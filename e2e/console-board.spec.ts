import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';

// A dispatcher at the keyboard, on a laptop or a narrow window: what the board must get right
// beyond the happy path of dispatch-to-phone.spec.ts.
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});

/** Opens New job with its shortcut (unless open) and fills what a job needs. */
async function fillJob(page: Page, name: string) {
  const dialog = page.getByRole('dialog', { name: 'New job' });
  if (!(await dialog.isVisible())) {
    await expect(page.getByRole('region', { name: 'Jobs by status' })).toBeVisible();
    await page.keyboard.press('n');
  }
  await dialog.getByLabel('Customer name').fill(name);
  await dialog.getByLabel('Address').fill('1 Elm St, Springfield');
  await dialog.getByRole('button', { name: 'Tomorrow morning' }).click();
  await dialog.getByLabel('Price').fill('250');
  return dialog;
}

test('keyboard focus follows the work: onto the new card, and onto a moved card', async ({
  page,
}) => {
  await page.goto(app.url);
  const dialog = await fillJob(page, 'Keyla Board');
  await dialog.getByLabel('Price').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').getByText("Created Keyla Board's job.")).toBeVisible();
  const card = page
    .locator('[data-status="scheduled"]')
    .getByRole('article', { name: /^Keyla Board,/ });
  await expect(card).toBeFocused();

  // Its menu from the keyboard: the first choice moves it on; the keyboard goes with it.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for Keyla Board' });
  await expect(menu.getByRole('menuitem', { name: 'Move to En route' })).toBeFocused();
  await page.keyboard.press('Enter');
  const moved = page
    .locator('[data-status="en_route"]')
    .getByRole('article', { name: /^Keyla Board,/ });
  await expect(moved).toBeFocused();
  await expect(page.getByRole('status').getByText('Moved Keyla Board to En route.')).toBeVisible();
});

test('says what is wrong beside each field, in words, and sends nothing', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: 'Jobs by status' })).toBeVisible();
  // The header's count, not the cards drawn: the columns draw only the cards in view.
  await expect(page.locator('.board.skeleton')).toHaveCount(0);
  const count = page.locator('.find-bar .found');
  const jobsBefore = await count.textContent();
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/createJob')) creates.push(r.url());
  });
  await page.keyboard.press('n');
  const dialog = page.getByRole('dialog', { name: 'New job' });
  await dialog.getByLabel('Customer name').fill('   ');
  await dialog.getByLabel('Address').fill('1 Elm St');
  await dialog.getByLabel('Price').fill('1e3');
  await dialog.getByLabel('Currency').fill('XYZ');
  await dialog.getByRole('button', { name: 'Create job' }).click();

  const name = dialog.getByLabel('Customer name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Customer name is required.');
  await expect(name).toBeFocused();
  await expect(dialog.getByLabel('Pickup')).toHaveAccessibleDescription(
    'Pickup needs a date and time.',
  );
  await expect(dialog.getByLabel('Price')).toHaveAccessibleDescription(
    'Price must be written as plain digits, such as 600 or 89.50.',
  );
  await expect(dialog.getByLabel('Currency')).toHaveAccessibleDescription(
    'Currency is not an ISO 4217 currency code.',
  );
  await expect(count).toHaveText(jobsBefore!);
  expect(creates).toEqual([]);

  // Fixing a field clears what was said about it.
  await name.fill('Ana');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // A pickup in the past is said so, and kept only when the dispatcher creates again.
  await dialog.getByLabel('Pickup').fill('2020-01-06T09:00');
  await dialog.getByLabel('Price').fill('250');
  await dialog.getByLabel('Currency').fill('USD');
  await dialog.getByRole('button', { name: 'Create job' }).click();
  await expect(dialog.getByLabel('Pickup')).toHaveAccessibleDescription(/is in the past/);
  expect(creates).toEqual([]);
  // Esc closes the dialog; what was typed is still there when it opens again.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('n');
  await expect(dialog.getByLabel('Customer name')).toHaveValue('Ana');
});

test('a long unbroken name ends in an ellipsis inside its card on an 800 px window', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await page.goto(app.url);
  const dialog = await fillJob(page, 'SoderblomPropertyManagementAndRealEstateHoldingsLLC');
  await dialog.getByRole('button', { name: 'Create job' }).click();
  const card = page.getByRole('article', { name: /^SoderblomProperty/ });
  await expect(card).toBeVisible();
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.view);
  const heading = await card.getByRole('heading').boundingBox();
  const box = await card.boundingBox();
  expect(heading!.x + heading!.width).toBeLessThanOrEqual(box!.x + box!.width);
});

test('a hand edit that broke jobs.json is undone from the board, in one click', async ({
  page,
}) => {
  await page.goto(app.url);
  const dialog = await fillJob(page, 'Rita Restore');
  await dialog.getByRole('button', { name: 'Create job' }).click();
  await expect(page.getByRole('article', { name: /^Rita Restore,/ })).toBeVisible();
  const file = path.join(app.workspace, 'data', 'jobs.json');
  const good = await readFile(file, 'utf8');
  const jobsBefore = await page.getByRole('article').count();

  await writeFile(file, good.slice(0, good.length / 2)); // an editor saved half of it
  await page.reload();
  const problem = page.getByRole('alert');
  await expect(problem).toContainText('jobs.json cannot be used');
  const newest = problem.getByRole('listitem').first();
  await expect(newest).toContainText(`(${jobsBefore} ${jobsBefore === 1 ? 'job' : 'jobs'})`);

  page.once('dialog', (dialog) => void dialog.accept());
  await newest.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByRole('article', { name: /^Rita Restore,/ })).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(jobsBefore);
  expect(await readFile(file, 'utf8')).toBe(good);
});

test('an optional argument left out crosses the bridge as absent, not as null', async ({
  page,
}) => {
  await page.goto(app.url);
  // The harness carries calls as JSON, where an undefined in an array would become null.
  const outcome = await page.evaluate(async () => {
    const created = await window.qdn.createJob({
      customer_name: 'Otto Optional',
      address: '2 Elm St',
      pickup_date: new Date(Date.now() + 86_400_000).toISOString(),
      price: 120,
    });
    if (!created.ok) return created;
    return window.qdn.setJobStatus(created.value.job.job_id, 'en_route', undefined);
  });
  expect(outcome).toMatchObject({ ok: true, value: { job: { status: 'en_route' } } });
});
