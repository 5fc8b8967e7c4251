import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';

// Issue 18, what the dispatcher sees of texts: a move to En route texts the customer through
// the sandbox's phone, the text shows on the job panel as sent, a reply arrives as a toast and
// on the panel, the Outbox counts the month, and Settings → Texts saves into config.json.
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});

const PHONE = '+1 312 555 0199';

/** `qdn messages reply` as a tester runs it: the customer's reply, as the two-way channel brings it. */
function reply(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        'bin/qdn.js',
        'messages',
        'reply',
        '--from',
        '+13125550199',
        '--text',
        text,
        '--workspace',
        app.workspace,
      ],
      { cwd: path.resolve(import.meta.dirname, '..') },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`qdn messages reply exited ${code}: ${stderr}`)),
    );
  });
}

async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({
        path: `test-results/screens/texts-${name}-${width}x${height}-${scheme}.png`,
      });
    }
  }
}

test('a move to En route texts the customer; the panel, a reply, the Outbox and Settings → Texts', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(app.url);
  await expect(page.getByText(`public site ${app.edgeUrl}`)).toBeVisible();

  await page.keyboard.press('n');
  const form = page.getByRole('dialog', { name: 'New job' });
  await form.getByLabel('Customer name').fill('Maria Lopez');
  await form.getByLabel('Address').fill('12 Elm St');
  await form.getByRole('button', { name: 'Tomorrow morning' }).click();
  await form.getByLabel('Price').fill('350');
  await form.getByLabel('Phone').fill(PHONE);
  await form.getByLabel('Price').press('Enter');

  const card = page.getByRole('article', { name: /^Maria Lopez,/ });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Actions for Maria Lopez' }).click();
  const moved = Date.now();
  await page.getByRole('menuitem', { name: 'Move to En route' }).click();
  await expect(
    page.locator('[data-status="en_route"]').getByRole('article', { name: /^Maria Lopez,/ }),
  ).toBeVisible();

  // The job panel: the automatic text, sent by the sandbox's phone, with time and segments.
  await page
    .locator('[data-status="en_route"]')
    .getByRole('article', { name: /^Maria Lopez,/ })
    .click();
  const panel = page.getByRole('complementary', { name: 'Maria Lopez' });
  const texts = panel.getByRole('region', { name: 'Texts' });
  const first = texts.getByTestId('text-line').first();
  await expect(first).toContainText(
    /(Sent|Delivered) · [A-Z][a-z]{2} \d+, \d+:\d\d [AP]M · \d+ texts?/,
    {
      timeout: 15_000,
    },
  );
  console.log(`texts e2e: move → text on the panel as sent: ${Date.now() - moved} ms`);
  await expect(first).toContainText('on the way');
  await expect(texts.getByRole('checkbox', { name: 'Automatic texts for this job' })).toBeChecked();
  // A provider exists: the composer sends from the console instead of the sms: link.
  await expect(panel.getByRole('button', { name: 'Send text' })).toBeVisible();

  // Maria answers: a toast says so, and the reply lands at the bottom of the conversation.
  await reply('Gate code is 4411');
  const replied = Date.now();
  await expect(page.getByText('Maria replied: Gate code is 4411')).toBeVisible({ timeout: 15_000 });
  console.log(`texts e2e: qdn messages reply exits → toast: ${Date.now() - replied} ms`);
  await expect(texts.getByTestId('text-line').last()).toContainText('Gate code is 4411');
  await shoot(page, 'panel');
  await page.setViewportSize({ width: 1366, height: 768 });

  // She texts STOP: the panel says so plainly, the card carries a marker.
  await reply('STOP');
  await expect(
    page.getByText('Maria texted STOP: automatic texts are off until they text START'),
  ).toBeVisible({ timeout: 15_000 });
  await expect(texts.getByTestId('opted-out')).toHaveText(
    /^⊘ Texted STOP on [A-Z][a-z]{2} \d+ — automatic texts are off until they text START$/,
    { timeout: 15_000 },
  );
  await expect(card.getByTestId('card-opted-out')).toHaveText('⊘ No texts');
  await texts.scrollIntoViewIfNeeded();
  await shoot(page, 'opted-out');
  await page.setViewportSize({ width: 1366, height: 768 });

  // The don't-text switch is saved on the job.
  await texts.getByRole('checkbox', { name: 'Automatic texts for this job' }).uncheck();
  await expect(texts.getByText('off: status changes send nothing')).toBeVisible();
  await expect(async () => {
    const jobs = JSON.parse(
      await readFile(path.join(app.workspace, 'data', 'jobs.json'), 'utf8'),
    ) as {
      jobs: { customer_name: string; no_texts?: boolean }[];
    };
    expect(jobs.jobs.find((j) => j.customer_name === 'Maria Lopez')?.no_texts).toBe(true);
  }).toPass({ timeout: 5_000 });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Escape');

  // The Outbox: today's sent text and the month's count.
  await page.getByRole('button', { name: 'Outbox' }).click();
  const outbox = page.getByRole('dialog', { name: "Outbox — today's texts" });
  await expect(outbox.getByTestId('outbox-month')).toHaveText(/^1 text, \d+ segments? this month$/);
  await expect(outbox.getByRole('region', { name: /^Sent \(1\)$/ })).toContainText('Maria Lopez');
  await shoot(page, 'outbox');
  await page.setViewportSize({ width: 1366, height: 768 });
  await outbox.getByRole('button', { name: 'Close' }).click();

  // Settings → Texts: Scheduled texts too, quiet hours 9 PM to 8 AM; saved into config.json.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Texts' });
  await expect(section.getByRole('checkbox', { name: 'En route' })).toBeChecked();
  await section.getByRole('checkbox', { name: 'Scheduled' }).check();
  await section.getByRole('checkbox', { name: /Hold automatic texts at night/ }).check();
  await expect(section.getByLabel(/^From \(.+ time\)$/)).toHaveValue('21:00');
  await expect(section.getByRole('link', { name: /\/__phone\/$/ })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shoot(page, 'settings');
  await page.setViewportSize({ width: 1366, height: 768 });
  // Esc with unsaved edits asks first.
  await page.keyboard.press('Escape');
  await expect(settings.getByText('Discard your changes?')).toBeVisible();
  await settings.getByRole('button', { name: 'Keep editing' }).click();
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(settings.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const config = JSON.parse(await readFile(path.join(app.workspace, 'config.json'), 'utf8')) as {
    messages: unknown;
  };
  expect(config.messages).toEqual({
    auto: ['scheduled', 'en_route'],
    quiet_hours: { from: '21:00', to: '08:00' },
  });
  expect(problems).toEqual([]);
});
