import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { nextYearPickup } from './support/dates';

const run = promisify(execFile);
const SHOTS = path.resolve('test-results', 'screens');
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});
test.describe.configure({ timeout: 90_000 });

const qdn = async (...args: string[]) =>
  JSON.parse(
    (await run(process.execPath, ['bin/qdn.js', ...args, '--workspace', app.workspace])).stdout,
  ) as Record<string, unknown>;

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('heading', { name: 'Settings' })).toBeFocused();
  await expect(dialog.getByLabel('Business name')).toBeVisible();
  return dialog;
}

test('Check access on a sandbox reports every check green', async ({ page }) => {
  await page.goto(app.url);
  const dialog = await openSettings(page);
  await dialog.getByRole('button', { name: 'Check access' }).click();
  await expect(dialog.getByText(/^All \d+ checks passed \(sandbox\)\.$/)).toBeVisible();
  await expect(dialog.locator('.access-checks .check-failed')).toHaveCount(0);
  expect(await dialog.locator('.access-checks .check-ok').count()).toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
});

test('Esc or Close over unsaved typing asks "Discard your changes?"; Keep editing keeps it', async ({
  page,
}) => {
  await page.goto(app.url);
  const dialog = await openSettings(page);
  const name = dialog.getByLabel('Business name');
  const before = await name.inputValue();
  await name.fill('Haul Yeah');
  await page.keyboard.press('Escape');
  const question = dialog.getByRole('group', { name: 'Discard your changes?' });
  await expect(question).toBeVisible();
  await expect(dialog).toBeVisible();
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  // A second Esc is the safe answer: the sheet stays, the typing too, the keyboard back in it.
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(name).toHaveValue('Haul Yeah');
  await expect(name).toBeFocused();
  // The sheet's Close asks the same; Enter keeps editing (it has the keyboard).
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(question.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await expect(name).toHaveValue('Haul Yeah');
  // Esc, then Discard: closed, nothing saved, and a fresh sheet reads the saved name.
  await page.keyboard.press('Escape');
  await question.getByRole('button', { name: 'Discard' }).click();
  await expect(dialog).toBeHidden();
  const again = await openSettings(page);
  await expect(again.getByLabel('Business name')).toHaveValue(before);
  // With nothing typed, Esc closes at once.
  await page.keyboard.press('Escape');
  await expect(again).toBeHidden();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
});

test('Check access on AWS that refuses a call: ✗, what happened, and the IAM action to grant', async ({
  page,
}) => {
  // Real AWS cannot be reached here: its answer is stood in for at the harness's door.
  await page.route('**/__harness/call/checkAccess', (route) =>
    route.fulfill({
      json: {
        ok: true,
        value: {
          mode: 'aws',
          checkedAt: '2026-11-29T09:00:00Z',
          checks: [
            {
              resource: 's3://qdn-data/jobs.json',
              purpose: 'Save jobs',
              action: 's3:PutObject',
              ok: true,
              detail: 'Writable.',
              grant: null,
            },
            {
              resource: 'CloudFront E1ABC',
              purpose: 'Invalidate pages',
              action: 'cloudfront:CreateInvalidation',
              ok: false,
              detail: 'Access denied for profile <b>dispatch</b>.',
              grant: 'cloudfront:CreateInvalidation',
            },
          ],
        },
      },
    }),
  );
  await page.goto(app.url);
  const dialog = await openSettings(page);
  await dialog.getByRole('button', { name: 'Check access' }).click();
  await expect(dialog.getByText('1 of 2 checks failed.')).toBeVisible();
  const failed = dialog.locator('.access-checks .check-failed');
  await expect(failed).toContainText('✗');
  await expect(failed).toContainText('Invalidate pages');
  await expect(failed).toContainText('Access denied for profile <b>dispatch</b>.');
  await expect(failed.locator('.grant')).toHaveText('Grant cloudfront:CreateInvalidation');
  await expect(dialog.locator('.access-checks .check-ok')).toContainText('✓');
  await failed.locator('.grant').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'settings-access-denied-1280-light.png') });
});

test('each field is checked as it is typed; nothing is saved until it is right', async ({
  page,
}) => {
  await page.goto(app.url);
  const dialog = await openSettings(page);
  const save = dialog.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled(); // nothing changed yet
  await dialog.getByLabel('Time zone').fill('Mars/Olympus');
  await expect(
    dialog.getByText('Time zone must be an IANA time zone such as America/Chicago'),
  ).toBeVisible();
  await dialog.getByLabel('Currency').fill('XYZ');
  await expect(dialog.getByText('Currency is not an ISO 4217 currency code')).toBeVisible();
  await expect(dialog.getByText('2 fields need a fix before saving.')).toBeVisible();
  await expect(save).toBeDisabled();
  await dialog.getByLabel('Time zone').fill('America/Denver');
  await dialog.getByLabel('Currency').fill('usd');
  await expect(save).toBeEnabled();
  // The template preview follows what is typed, with the business's name in it.
  await dialog.getByLabel('Business name').fill('Haul Yeah');
  await expect(dialog.getByLabel('Scheduled message preview')).toContainText(
    'your Haul Yeah pickup is',
  );
  await dialog.getByRole('button', { name: 'Discard and close' }).click();
  await expect(dialog).toBeHidden();
  expect(((await qdn('job', 'list')) as { jobs?: unknown[] }).jobs).toBeDefined();
});

test('a template says what its texts cost, and a misspelled placeholder cannot be saved', async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(app.url);
  const dialog = await openSettings(page);
  const save = dialog.getByRole('button', { name: 'Save' });
  const scheduled = dialog.getByLabel('Scheduled message', { exact: true });
  const cost = dialog.getByLabel('Scheduled message cost');
  await expect(cost).toHaveText(/^About [12] texts? \(GSM-7, \d+ characters\)$/);
  await expect(dialog.getByLabel('Completed message', { exact: true })).toHaveValue(
    'Thanks {name}! Your {business} pickup is done. Details: {link}',
  );

  await scheduled.fill('Hi {name} – {buisness} comes {window}. Track it: {link}');
  await expect(
    dialog.getByText(
      'Scheduled message has {buisness}, which is not a placeholder: use {name} {business} {link} {window} {phone}',
    ),
  ).toBeVisible();
  await expect(scheduled).toHaveAttribute('aria-invalid', 'true');
  await expect(save).toBeDisabled();
  await expect(cost).toHaveText(
    /^About \d texts?: ‘–’ is not in the basic set \(UCS-2, \d+ characters\)$/,
  );
  await scheduled.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'settings-template-typo-1366-light.png') });

  await scheduled.fill('Hi {name} - {business} comes {window}. Track it: {link}');
  await expect(dialog.getByText(/which is not a placeholder/)).toBeHidden();
  await expect(cost).toHaveText(/^About [12] texts? \(GSM-7, \d+ characters\)$/);
  await expect(save).toBeEnabled();
  await dialog.getByRole('button', { name: 'Discard and close' }).click();
  await expect(dialog).toBeHidden();
  await context.close();
});

test("a new business phone and a new driver: on the customer's page and in the job panel", async ({
  browser,
}) => {
  const job = await qdn(
    'job',
    'add',
    '--name',
    'Rita Settings',
    '--address',
    '12 Oak St',
    '--pickup',
    nextYearPickup().iso,
    '--price',
    '180',
  );
  const page = await (
    await browser.newContext({ viewport: { width: 1024, height: 768 } })
  ).newPage();
  await page.goto(app.url);
  const dialog = await openSettings(page);
  await dialog.getByLabel('Business phone').fill('+1 773 555 0188');
  await dialog.getByRole('button', { name: 'Add driver' }).click();
  await dialog.getByLabel('Crew 1 name').fill('Dee');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Saved.')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.toast').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(dialog).toBeHidden();

  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
  ).newPage();
  await phone.goto(String(job.tracking_url));
  await expect(phone.locator('#contact')).toContainText('773', { timeout: 20_000 });
  await phone.context().close();

  await page.getByRole('article', { name: /^Rita Settings,/ }).click();
  const panel = page.getByRole('complementary', { name: 'Rita Settings' });
  await panel.getByLabel('Assignee').selectOption('Dee');
  await expect(
    page.locator('.toast').filter({ hasText: "Saved Rita Settings's assignee." }),
  ).toBeVisible();
  await expect(panel.locator('.timeline')).toContainText('Crew none → Dee');
  await page.context().close();
});

for (const [width, height] of [
  [1024, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`Settings at ${width}×${height}, ${scheme}`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: { width, height },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto(app.url);
      const dialog = await openSettings(page);
      await dialog.getByRole('button', { name: 'Check access' }).click();
      await expect(dialog.getByText(/checks passed/)).toBeVisible();
      await dialog.locator('.access-checks').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `settings-${width}-${scheme}.png`) });
      await dialog.getByLabel('AWS (S3 and CloudFront)').check();
      await dialog.getByLabel('Region').fill('us-east-1');
      await dialog.getByLabel('Data bucket').fill('Bad_Bucket');
      await dialog.getByLabel('Region').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `settings-aws-${width}-${scheme}.png`) });
      await context.close();
    });
  }
}
