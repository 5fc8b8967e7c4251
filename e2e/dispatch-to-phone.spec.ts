import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { devices, expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';

let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});

function cardOf(page: Page, name: string) {
  return page.getByRole('article', { name: new RegExp(`^${name},`) });
}

test("dispatcher creates Mark's job and copies his link; Mark follows it on his phone", async ({
  browser,
}) => {
  const desk = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const consolePage = await desk.newPage();
  const problems: string[] = [];
  consolePage.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  consolePage.on('pageerror', (e) => problems.push(e.message));

  await consolePage.goto(app.url);
  await expect(consolePage.getByText(`public site ${app.edgeUrl}`)).toBeVisible();

  // The dispatcher enters Mark's job, keyboard and all.
  await consolePage.keyboard.press('n');
  const form = consolePage.getByRole('dialog', { name: 'New job' });
  await form.getByLabel('Customer name').fill('Mark');
  await form.getByLabel('Address').fill('Soderblom Ave');
  await form.getByRole('button', { name: 'Tomorrow morning' }).click();
  await form.getByLabel('Price').fill('600');
  await form.getByLabel('Phone').fill('+1 312 555 0199');
  await form.getByLabel('Notes (internal)').fill('Gate code 4411');
  await form.getByLabel('Price').press('Enter');

  const card = cardOf(consolePage, 'Mark');
  await expect(card).toBeVisible();
  await expect(consolePage.locator('[data-status="scheduled"]').getByRole('article')).toHaveCount(
    1,
  );
  await expect(card).toContainText('$600.00');

  await card.getByRole('button', { name: 'Actions for Mark' }).click();
  await consolePage.getByRole('menuitem', { name: 'Copy link' }).click();
  await expect(consolePage.getByText("Copied Mark's tracking link.")).toBeVisible();
  const link = await consolePage.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${app.edgeUrl}/track/[A-Za-z0-9_-]{43}$`));

  // Mark opens the texted link on his phone.
  const phone = await browser.newContext({ ...devices['iPhone 13'] });
  const markPage = await phone.newPage();
  await markPage.goto(link);
  await expect(markPage.locator('#greeting')).toContainText('Mark');
  await expect(markPage.locator('#status')).toHaveText('Scheduled');
  await expect(markPage.locator('body')).not.toContainText('Gate code');
  await expect(markPage.locator('body')).not.toContainText('555 0199');

  // The truck leaves: the dispatcher moves the card on, from its menu.
  await card.getByRole('button', { name: 'Actions for Mark' }).click();
  await consolePage.getByRole('menuitem', { name: 'Move to En route' }).click();
  await expect(
    consolePage.locator('[data-status="en_route"]').getByRole('article', { name: /^Mark,/ }),
  ).toBeVisible();

  // Mark reloads: the status document is cached for seconds at most, so he sees it shortly.
  await expect(async () => {
    await markPage.reload();
    await expect(markPage.locator('#status')).toHaveText('En route', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });

  expect(problems).toEqual([]);
  await desk.close();
  await phone.close();
});

test('a broken jobs.json is reported on the board, not overwritten', async ({ browser }) => {
  const file = path.join(app.workspace, 'data', 'jobs.json');
  await mkdir(path.dirname(file), { recursive: true });
  const original = await readFile(file, 'utf8').catch(() => null);
  // A hand edit that stopped half-way.
  const broken = '{ "schema": 1, "jobs": [ { "job_id": "fcdc1c82cb284dbe", ';
  await writeFile(file, broken);
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(app.url);
    await expect(page.getByRole('alert')).toContainText('jobs.json cannot be used');
    await expect(page.getByRole('alert')).toContainText('left untouched');
    // Creating a job now must fail loudly and leave the file as it is.
    await page.keyboard.press('n');
    const form = page.getByRole('dialog', { name: 'New job' });
    await form.getByLabel('Customer name').fill('Ana');
    await form.getByLabel('Address').fill('1 Elm St');
    await form.getByRole('button', { name: 'Tomorrow morning' }).click();
    await form.getByLabel('Price').fill('250');
    await form.getByRole('button', { name: 'Create job' }).click();
    await expect(form.getByRole('alert')).toContainText('jobs.json cannot be used');
    expect(await readFile(file, 'utf8')).toBe(broken);
  } finally {
    if (original === null) await rm(file);
    else await writeFile(file, original);
  }
});
