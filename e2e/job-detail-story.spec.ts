import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { nextYearPickup } from './support/dates';

const run = promisify(execFile);
const SHOTS = path.resolve('test-results', 'screens');
const PHONE_VIEW = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
// Next year's Nov 27, 3 PM in Chicago: never past, and always shown with its year.
const PICKUP = nextYearPickup();
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});
test.describe.configure({ timeout: 90_000 });

/** `qdn` in another process, on the same workspace: what a script or a second laptop does. */
const qdn = async (...args: string[]) =>
  JSON.parse(
    (await run(process.execPath, ['bin/qdn.js', ...args, '--workspace', app.workspace])).stdout,
  ) as Record<string, unknown>;

async function addJob(name: string, ...extra: string[]) {
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
    '600',
    ...extra,
  );
  return { id: String(job.job_id), link: String(job.tracking_url) };
}

async function openConsole(browser: Browser, width = 1920, height = 1080) {
  const context = await browser.newContext({
    viewport: { width, height },
    permissions: ['clipboard-read', 'clipboard-write'],
    timezoneId: 'America/Los_Angeles', // the laptop's zone is not the business's
    locale: 'en-US',
  });
  const page = await context.newPage();
  await page.goto(app.url);
  return page;
}

/** Clicks the job's card and returns its panel. */
async function openPanel(page: Page, name: string) {
  await page.getByRole('article', { name: new RegExp(`^${escape(name)},`) }).click();
  const panel = page.getByRole('complementary', { name });
  await expect(panel).toBeVisible();
  return panel;
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test("edit Mark's phone: the panel and the SMS follow; Undo puts it back, both in history", async ({
  browser,
}) => {
  await addJob('Mark Phone', '--phone', '(312) 555-0142', '--notes', 'Gate code 4411');
  const page = await openConsole(browser);
  const panel = await openPanel(page, 'Mark Phone');
  await expect(panel.getByRole('heading', { name: 'Mark Phone' })).toBeFocused();
  await expect(panel.getByRole('link', { name: '(312) 555-0142' })).toHaveAttribute(
    'href',
    'tel:+13125550142',
  );
  await expect(panel.getByText('Gate code 4411')).toBeVisible();
  // The pickup in the business's zone (Chicago), not the laptop's (Los Angeles).
  await expect(panel.locator('time').first()).toHaveText(PICKUP.shown);
  await expect(panel.getByText('(Chicago time)')).toBeVisible();
  await expect(panel.getByLabel('SMS text')).toHaveValue(/^Hi Mark, .* Track it: http/);

  await panel.getByRole('button', { name: 'Edit' }).click();
  const phone = panel.getByLabel('Phone', { exact: true });
  await phone.fill('call me');
  await expect(panel.getByText(/Phone is not a phone number/)).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Save' })).toBeDisabled();
  await phone.fill('+1 312 555 0199');
  await expect(panel.getByText(/Phone is not a phone number/)).toBeHidden();
  await panel.getByRole('button', { name: 'Save' }).click();

  const toast = page.locator('.toast').filter({ hasText: "Saved Mark Phone's phone." });
  await expect(toast).toBeVisible();
  await expect(panel.getByRole('link', { name: '+1 312 555 0199' })).toBeVisible();
  await expect(panel.getByRole('link', { name: 'Open in Messages' })).toHaveAttribute(
    'href',
    /^sms:\+13125550199\?body=Hi%20Mark%2C%20/,
  );
  await expect(panel.locator('.timeline')).toContainText('Edited phone');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'Undid the edit' })).toBeVisible();
  await expect(panel.getByRole('link', { name: '(312) 555-0142' })).toBeVisible();
  await expect(panel.locator('.timeline li', { hasText: 'Edited phone' })).toHaveCount(2);

  // Esc never drops typed changes; once they are canceled, Esc closes the panel and the
  // keyboard is back on the card.
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByLabel('Notes').fill('Typed, not saved');
  await page.keyboard.press('Escape');
  await expect(panel.getByText('You have unsaved changes')).toBeVisible();
  await expect(panel.getByLabel('Notes')).toHaveValue('Typed, not saved');
  await panel.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('article', { name: /^Mark Phone,/ })).toBeFocused();
  await page.context().close();
});

test('a field changed underneath while being edited: the dispatcher chooses', async ({
  browser,
}) => {
  const { id } = await addJob('Nora Conflict', '--phone', '+1 312 555 0101');
  const page = await openConsole(browser);
  const panel = await openPanel(page, 'Nora Conflict');
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByLabel('Phone').fill('+1 312 555 0102');
  await panel.getByLabel('Notes').fill('Dog in the yard');
  // Another process changes the phone and the address meanwhile.
  await qdn('job', 'edit', id, '--phone', '+1 312 555 0103', '--address', '9 Elm St');
  await expect(panel.getByText('Changed meanwhile to “+1 312 555 0103”.')).toBeVisible({
    timeout: 5_000,
  });
  // The untouched address just follows; what was typed stays.
  await expect(panel.getByLabel('Address')).toHaveValue('9 Elm St');
  await expect(panel.getByLabel('Phone')).toHaveValue('+1 312 555 0102');
  await expect(panel.getByRole('button', { name: 'Save' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Keep mine' }).click();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('link', { name: '+1 312 555 0102' })).toBeVisible();
  await expect(panel.getByText('9 Elm St')).toBeVisible();
  await expect(panel.getByText('Dog in the yard')).toBeVisible();
  await page.context().close();
});

test('move a job back with a reason: history says why, the customer’s page follows', async ({
  browser,
}) => {
  const { id, link } = await addJob('Olga Back');
  await qdn('job', 'set-status', id, 'en_route');
  const page = await openConsole(browser);
  const panel = await openPanel(page, 'Olga Back');
  await expect(panel.locator('.status-pill')).toHaveText('En route');
  await panel.getByRole('button', { name: 'Move back…' }).click();
  const back = panel.getByRole('button', { name: 'Move back to Scheduled' });
  await expect(back).toBeDisabled();
  await panel.getByLabel('Why move back to Scheduled?').fill('Truck broke down');
  await back.click();
  await expect(panel.locator('.status-pill')).toHaveText('Scheduled');
  const entry = panel.locator('.timeline li').first();
  await expect(entry).toContainText('Moved back to Scheduled');
  await expect(entry).toContainText('Truck broke down');

  const phone = await (await browser.newContext(PHONE_VIEW)).newPage();
  await phone.goto(link);
  await expect(phone.locator('#status')).toHaveText('Scheduled');

  // A misclick forward, undone from its toast: the customer's page follows back.
  await panel.getByRole('button', { name: 'Move to En route' }).click();
  const moved = page.locator('.toast').filter({ hasText: 'Moved Olga Back to En route.' });
  // The toast waits while the pointer is on it: the customer's page shows the move meanwhile.
  await moved.hover();
  await expect(phone.locator('#status')).toHaveText('En route', { timeout: 10_000 });
  await moved.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.locator('.status-pill')).toHaveText('Scheduled');
  await expect(phone.locator('#status')).toHaveText('Scheduled', { timeout: 10_000 });

  // Canceled, then reopened with a reason, at the status it had.
  await panel.getByRole('button', { name: 'Cancel job' }).click();
  await panel.getByRole('button', { name: 'Yes, cancel the job' }).click();
  await expect(panel.locator('.status-pill')).toHaveText('Canceled');
  await panel.getByRole('button', { name: 'Reopen…' }).click();
  await panel.getByLabel('Why reopen as Scheduled?').fill('Customer called back');
  await panel.getByRole('button', { name: 'Reopen', exact: true }).click();
  await expect(panel.locator('.status-pill')).toHaveText('Scheduled');
  await expect(panel.locator('.timeline li').first()).toContainText('Reopened as Scheduled');
  await expect(panel.locator('.timeline li').first()).toContainText('Customer called back');
  await expect(phone.locator('#status')).toHaveText('Scheduled', { timeout: 10_000 });
  await phone.context().close();
  await page.context().close();
});

test('revoke a link: the phone’s page says it is no longer valid; rotate: the new link works', async ({
  browser,
}) => {
  const { link } = await addJob('Pia Link', '--phone', '+1 312 555 0177');
  const page = await openConsole(browser);
  const phone = await (await browser.newContext(PHONE_VIEW)).newPage();
  await phone.goto(link);
  await expect(phone.locator('#greeting')).toContainText('Pia');

  const panel = await openPanel(page, 'Pia Link');
  await expect(panel.getByTestId('tracking-url')).toHaveText(link);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await panel.getByRole('button', { name: 'Copy SMS' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `Hi Pia, your QuickDumpNow pickup is ${PICKUP.shown}. Track it: ${link}`,
  );
  await panel.getByRole('button', { name: 'QR code' }).click();
  await expect(
    panel.getByRole('img', { name: "QR code of Pia Link's tracking link" }),
  ).toBeVisible();

  await panel.getByRole('button', { name: 'Revoke link…' }).click();
  await panel.getByRole('button', { name: 'Revoke the link' }).click();
  await expect(panel.getByText(/link is revoked/)).toBeVisible();
  await phone.reload();
  await expect(phone.locator('body')).toContainText('no longer valid');
  await phone.screenshot({ path: path.join(SHOTS, 'phone-link-revoked.png') });

  await panel.getByRole('button', { name: 'Give a new link…' }).click();
  await panel.getByRole('button', { name: 'Give a new link' }).click();
  const fresh = panel.getByTestId('tracking-url');
  await expect(fresh).toBeVisible();
  const newLink = (await fresh.textContent()) ?? '';
  expect(newLink).not.toBe(link);
  await expect(panel.locator('.timeline')).toContainText('Revoked the tracking link');
  await expect(panel.locator('.timeline')).toContainText('new tracking link');
  await phone.goto(newLink);
  await expect(phone.locator('#greeting')).toContainText('Pia');
  await phone.goto(link);
  await expect(phone.locator('body')).toContainText('no longer valid');
  await phone.context().close();
  await page.context().close();
});

test('the text says what it costs, and picking another template over an edit asks first', async ({
  browser,
}) => {
  // A window (3 to 5 PM): the text's window takes a hyphen, where the panel keeps its en dash.
  const end = new Date(Date.parse(PICKUP.iso) + 2 * 3600_000).toISOString();
  await addJob('Tess Segments', '--phone', '+1 312 555 0166', '--pickup-end', end);
  const page = await openConsole(browser, 1366, 768);
  const panel = await openPanel(page, 'Tess Segments');
  const text = panel.getByLabel('SMS text');
  const cost = panel.locator('#sms-cost');
  await expect(text).toHaveValue(
    new RegExp(`^Hi Tess, your QuickDumpNow pickup is ${PICKUP.shown} - 5:00 PM\\. Track it: http`),
  );
  await expect(panel.locator('time').first()).toContainText('3:00 PM – 5:00 PM');
  const length = (await text.inputValue()).length;
  await expect(cost).toHaveText(`1 text (GSM-7, ${length} characters)`);
  await expect(cost).toHaveAttribute('aria-live', 'polite');

  // A dash typed from a phone's keyboard: the counter names it and the cost goes up.
  await text.fill('Hi Tess – the crew is 10 minutes out. Curly “quotes” cost too.');
  await expect(cost).toHaveText(
    '1 text: ‘–’, ‘“’ and ‘”’ are not in the basic set (UCS-2, 62 characters)',
  );
  await page.screenshot({ path: path.join(SHOTS, 'sms-cost-ucs2-1366-light.png') });

  // Another template over the edit: the panel asks; Esc keeps the edit, by keyboard alone.
  const variant = panel.getByLabel('Text for the customer');
  await variant.selectOption({ label: 'En route message' });
  const question = panel.getByRole('group', { name: /^Replace your edited text/ });
  await expect(question).toBeVisible();
  await expect(question.getByRole('button', { name: 'Replace' })).toBeFocused();
  await page.screenshot({ path: path.join(SHOTS, 'sms-replace-question-1366-light.png') });
  await page.keyboard.press('Escape');
  await expect(question).toBeHidden();
  await expect(panel).toBeVisible(); // Esc answered the question; it did not close the panel
  await expect(text).toBeFocused();
  await expect(text).toHaveValue(/^Hi Tess – the crew/);
  await expect(variant).toHaveValue('scheduled');

  // Asked again, Replace takes the En route template.
  await variant.selectOption({ label: 'En route message' });
  await question.getByRole('button', { name: 'Replace' }).press('Enter');
  await expect(text).toHaveValue(/^Hi Tess, our crew from QuickDumpNow is on the way\./);
  await expect(variant).toHaveValue('en_route');
  await expect(cost).toHaveText(/^1 text \(GSM-7, \d+ characters\)$/);
  // Nothing typed now: switching back asks nothing.
  await variant.selectOption({ label: 'Scheduled message' });
  await expect(question).toBeHidden();
  await expect(text).toHaveValue(/^Hi Tess, your QuickDumpNow pickup is/);
  await page.context().close();
});

test('markup in a name, notes and address stays text: panel, toast, SMS and QR', async ({
  browser,
}) => {
  const payload = '<img src=x onerror=alert(1)>';
  await addJob(payload, '--notes', `<script>alert(2)</script>${payload}`);
  const page = await openConsole(browser);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const panel = await openPanel(page, payload);
  await expect(panel.getByRole('heading', { name: payload })).toBeVisible();
  await expect(panel.getByText(`<script>alert(2)</script>${payload}`)).toBeVisible();
  await expect(panel.getByLabel('SMS text')).toHaveValue(/^Hi <img/);
  await panel.getByRole('button', { name: 'QR code' }).click();
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByLabel('Address').fill(payload);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.locator('.toast').filter({ hasText: `Saved ${payload}'s address.` }),
  ).toBeVisible();
  expect(await page.locator('.job-panel img, .toasts img, .job-panel script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await page.context().close();
});

for (const [width, height] of [
  [1024, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the job panel at ${width}×${height}, ${scheme}`, async ({ browser }) => {
      const name = `Quinn ${width} ${scheme}`;
      await addJob(
        name,
        '--phone',
        '+1 312 555 0142',
        '--service',
        'Furniture',
        '--notes',
        'Side gate',
      );
      const context = await browser.newContext({
        viewport: { width, height },
        colorScheme: scheme,
      });
      const page = await context.newPage();
      await page.goto(app.url);
      const panel = await openPanel(page, name);
      await panel.getByRole('button', { name: 'QR code' }).click();
      await page.screenshot({ path: path.join(SHOTS, `job-panel-${width}-${scheme}.png`) });
      await panel.getByRole('button', { name: 'Edit' }).click();
      await panel.getByLabel('Email').fill('not an email');
      await page.screenshot({ path: path.join(SHOTS, `job-panel-edit-${width}-${scheme}.png`) });
      await context.close();
    });
  }
}
