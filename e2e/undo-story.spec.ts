import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { nextYearPickup } from './support/dates';

// Issue 17 §6: one live Undo per job (the newest), an Undo whose job moved on says so and
// marks nothing, and the history says old → new and which line was an undo.
const run = promisify(execFile);
const SHOTS = path.resolve('test-results', 'screens');
// Next year's Nov 27, 3 PM in Chicago: never past, always shown with its year.
const PICKUP = nextYearPickup();
const YEAR = PICKUP.iso.slice(0, 4);
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});
test.describe.configure({ timeout: 90_000 });

/** `qdn` in another process, on the same workspace: what a second laptop does. */
const qdn = async (...args: string[]) =>
  JSON.parse(
    (await run(process.execPath, ['bin/qdn.js', ...args, '--workspace', app.workspace])).stdout,
  ) as Record<string, unknown>;

async function addJob(name: string): Promise<string> {
  const job = await qdn(
    'job',
    'add',
    '--name',
    name,
    '--address',
    '2250 North Lincoln Ave',
    '--pickup',
    PICKUP.iso,
    '--price',
    '300',
  );
  return String(job.job_id);
}

async function openConsole(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    timezoneId: 'America/Los_Angeles', // the laptop's zone is not the business's
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.goto(app.url);
  return page;
}

const card = (page: Page, name: string) =>
  page.getByRole('article', { name: new RegExp(`^${name},`) });

async function openPanel(page: Page, name: string) {
  await card(page, name).click();
  const panel = page.getByRole('complementary', { name });
  await expect(panel).toBeVisible();
  return panel;
}

async function edit(page: Page, name: string, field: string | RegExp, value: string) {
  const panel = page.getByRole('complementary', { name });
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByLabel(field).fill(value);
  await panel.getByRole('button', { name: 'Save' }).click();
}

test('two edits of one job: only the newest Undo is offered and works; the history says old → new and Undone', async ({
  browser,
}) => {
  await addJob('Maria Undo');
  const page = await openConsole(browser);
  const panel = await openPanel(page, 'Maria Undo');

  await edit(page, 'Maria Undo', 'Price', '350');
  const priceToast = page.locator('.toast', { hasText: "Saved Maria Undo's price." });
  await expect(priceToast.getByRole('button', { name: 'Undo' })).toBeVisible();
  await edit(page, 'Maria Undo', /^Pickup from/, `${YEAR}-11-28T09:00`);
  const pickupToast = page.locator('.toast', { hasText: "Saved Maria Undo's pickup time." });
  await expect(pickupToast).toBeVisible();
  // The older toast closed: its Undo would take back the pickup change too, or be refused.
  await expect(priceToast).toHaveCount(0);
  await expect(page.locator('.toast').getByRole('button', { name: 'Undo' })).toHaveCount(1);

  await pickupToast.getByRole('button', { name: 'Undo' }).click();
  await expect(
    page.locator('.toast', { hasText: "Undid the edit of Maria Undo's pickup time." }),
  ).toBeVisible();
  const timeline = panel.locator('.timeline');
  const weekday = (iso: string) =>
    new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'America/Chicago' }).format(
      new Date(iso),
    );
  const nov27 = `${weekday(PICKUP.iso)}, Nov 27, ${YEAR}, 3:00 PM`;
  const nov28 = `${weekday(`${YEAR}-11-28T15:00:00Z`)}, Nov 28, ${YEAR}, 9:00 AM`;
  await expect(timeline.locator('li').nth(0)).toContainText(`Undone: Pickup ${nov28} → ${nov27}`);
  await expect(timeline.locator('li').nth(1)).toContainText(`Pickup ${nov27} → ${nov28}`);
  await expect(timeline.locator('li').nth(2)).toContainText('Price $300.00 → $350.00');
  await expect(card(page, 'Maria Undo').locator('.flag-error')).toHaveCount(0);
  await page.screenshot({ path: path.join(SHOTS, 'undo-history-1366.png') });
  await page.context().close();
});

test('an Undo whose job changed since (on another laptop) says so and leaves the card clean', async ({
  browser,
}) => {
  const id = await addJob('Omar Undo');
  const page = await openConsole(browser);
  const panel = await openPanel(page, 'Omar Undo');
  await edit(page, 'Omar Undo', 'Price', '350');
  const toast = page.locator('.toast', { hasText: "Saved Omar Undo's price." });
  await expect(toast.getByRole('button', { name: 'Undo' })).toBeVisible();
  // Held under the pointer while the other laptop changes the price.
  await toast.hover();
  await qdn('job', 'edit', id, '--price', '400');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(
    page.locator('.toast', {
      hasText: "Omar Undo's job changed since; undo is no longer possible.",
    }),
  ).toBeVisible();
  await expect(page.locator('.toast-error')).toHaveCount(0);
  await expect(card(page, 'Omar Undo').locator('.flag-error')).toHaveCount(0);
  await expect(panel.locator('.timeline li').first()).toContainText('Price $350.00 → $400.00');
  await expect(panel.locator('.timeline')).not.toContainText('Undone');
  await page.screenshot({ path: path.join(SHOTS, 'undo-changed-since-1366.png') });
  await page.context().close();
});

/** Moves the job's card on one step with its menu (the keyboard's way). */
async function moveOn(page: Page, name: string, to: string) {
  await card(page, name).focus();
  await page.keyboard.press('Shift+F10');
  await page.getByRole('menuitem', { name: `Move to ${to}` }).click();
}

test('two moves of one job: only the newest Undo is offered; it moves one step back, marked Undone', async ({
  browser,
}) => {
  await addJob('Pia Undo');
  const page = await openConsole(browser);
  await moveOn(page, 'Pia Undo', 'En route');
  const first = page.locator('.toast', { hasText: 'Moved Pia Undo to En route.' });
  await expect(first.getByRole('button', { name: 'Undo' })).toBeVisible();
  await moveOn(page, 'Pia Undo', 'On site');
  const second = page.locator('.toast', { hasText: 'Moved Pia Undo to On site.' });
  await expect(second).toBeVisible();
  await expect(first).toHaveCount(0);
  await expect(page.locator('.toast').getByRole('button', { name: 'Undo' })).toHaveCount(1);

  await second.getByRole('button', { name: 'Undo' }).click();
  await expect(
    page.locator('.toast', { hasText: 'Moved Pia Undo back to En route.' }),
  ).toBeVisible();
  const panel = await openPanel(page, 'Pia Undo');
  await expect(panel.locator('.timeline li').first()).toContainText(
    'Undone: Moved back to En route',
  );
  await expect(card(page, 'Pia Undo').locator('.flag-error')).toHaveCount(0);
  await page.context().close();
});

test('a move taken on by another laptop: its Undo says the job changed since and changes nothing', async ({
  browser,
}) => {
  const id = await addJob('Raj Undo');
  const page = await openConsole(browser);
  await moveOn(page, 'Raj Undo', 'En route');
  const toast = page.locator('.toast', { hasText: 'Moved Raj Undo to En route.' });
  await toast.hover(); // held while the other laptop moves the job on
  await qdn('job', 'set-status', id, 'on_site');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(
    page.locator('.toast', {
      hasText: "Raj Undo's job changed since; undo is no longer possible.",
    }),
  ).toBeVisible();
  await expect(page.locator('.toast-error')).toHaveCount(0);
  await expect(card(page, 'Raj Undo').locator('.flag-error')).toHaveCount(0);
  const file = JSON.parse(
    await readFile(path.join(app.workspace, 'data', 'jobs.json'), 'utf8'),
  ) as { jobs: { job_id: string; status: string }[] };
  expect(file.jobs.find((j) => j.job_id === id)!.status).toBe('on_site');
  await page.screenshot({ path: path.join(SHOTS, 'undo-move-changed-since-1366.png') });
  await page.context().close();
});
