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

async function fillJob(page: Page, name: string) {
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Address').fill('1 Elm St, Springfield');
  await page.getByLabel('Pickup').fill('2026-12-01T09:00');
  await page.getByLabel('Price').fill('250');
}

test('keyboard focus follows the work: back to the form after a create, onto a moved card', async ({
  page,
}) => {
  await page.goto(app.url);
  await fillJob(page, 'Keyla Board');
  await page.getByLabel('Price').press('Enter');
  await expect(page.getByText("Created Keyla Board's job.")).toBeVisible();
  await expect(page.getByLabel('Customer name')).toBeFocused();
  await expect(page.getByLabel('Customer name')).toHaveValue('');

  const card = page.getByRole('article', { name: /^Keyla Board,/ });
  await card.getByRole('button', { name: 'Move to En route' }).focus();
  await page.keyboard.press('Enter');
  // The card re-appears in the En route column; the keyboard is on its next action.
  const moved = page
    .locator('[data-status="en_route"]')
    .getByRole('article', { name: /^Keyla Board,/ });
  await expect(moved.getByRole('button', { name: 'Move to On site' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page
      .locator('[data-status="on_site"]')
      .getByRole('article', { name: /^Keyla Board,/ })
      .getByRole('button', { name: 'Move to Completed' }),
  ).toBeFocused();
});

test('says what is wrong beside each field, in words, and sends nothing', async ({ page }) => {
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: 'Jobs by status' })).toBeVisible();
  const jobsBefore = await page.getByRole('article').count();
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/createJob')) creates.push(r.url());
  });
  await page.getByLabel('Customer name').fill('   ');
  await page.getByLabel('Address').fill('1 Elm St');
  await page.getByLabel('Currency').fill('US');
  await page.getByRole('button', { name: 'Create job' }).click();

  const name = page.getByLabel('Customer name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Customer name is required.');
  await expect(name).toBeFocused();
  await expect(page.getByLabel('Pickup')).toHaveAccessibleDescription(
    'Pickup needs a date and time.',
  );
  await expect(page.getByLabel('Price')).toHaveAccessibleDescription('Price must be a number.');
  await expect(page.getByLabel('Currency')).toHaveAccessibleDescription(
    'Currency must be a 3-letter currency code.',
  );
  await expect(page.getByRole('article')).toHaveCount(jobsBefore);
  expect(creates).toEqual([]);

  // Fixing a field clears what was said about it.
  await name.fill('Ana');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
});

test('a long unbroken name wraps inside its card on an 800 px window', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await page.goto(app.url);
  await fillJob(page, 'SoderblomPropertyManagementAndRealEstateHoldingsLLC');
  await page.getByRole('button', { name: 'Create job' }).click();
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
  await fillJob(page, 'Rita Restore');
  await page.getByRole('button', { name: 'Create job' }).click();
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
