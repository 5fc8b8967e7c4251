import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { devices, expect, test } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { seedJobs } from './support/seed-jobs';

// Issue 18's sandbox phone, end to end: a move on the board texts the customer; the text shows
// on the local edge's /__phone/ (phone-sized); its link opens that job's tracking page on the
// same edge; the customer's reply from the phone page lands on the job (jobs.json).

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({
    jobs: seedJobs(1, () => ({ customer_name: 'Rosa', phone: '+1 312 555 0177' })),
  });
});
test.afterAll(async () => {
  await app.stop();
});

test('a move on the board → the text on /__phone/ → its link opens the right page; the reply lands on the job', async ({
  browser,
}) => {
  const desk = await browser.newContext();
  const board = await desk.newPage();
  await board.goto(app.url);
  await expect(board.getByText(`public site ${app.edgeUrl}`)).toBeVisible();
  const card = board.getByRole('article', { name: /^Rosa,/ });
  await expect(card).toBeVisible();
  await card.getByRole('button', { name: 'Actions for Rosa' }).click();
  await board.getByRole('menuitem', { name: 'Move to En route' }).click();
  await expect(
    board.locator('[data-status="en_route"]').getByRole('article', { name: /^Rosa,/ }),
  ).toBeVisible();

  // Rosa's phone: the sandbox's phone page, phone-sized.
  const phone = await browser.newContext({ ...devices['iPhone 13'] });
  const page = await phone.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // A CSP refusal shows as a console error: the page must need nothing its policy refuses.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  await expect(async () => {
    await page.goto(`${app.edgeUrl}/__phone/?n=${encodeURIComponent('+13125550177')}`);
    await expect(page.locator('.texts .text').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Texts to +13125550177' })).toBeVisible();
  const link = page.locator('.texts .text').first().getByRole('link');
  await expect(link).toHaveText(/\/track\/[A-Za-z0-9_-]{32,}$/);
  // Tappable: a finger-sized target, inside the phone's width.
  const box = (await link.boundingBox())!;
  expect(box.x + Math.min(box.width, 100)).toBeLessThanOrEqual(390);

  await link.tap().catch(() => link.click());
  await expect(page).toHaveURL(new RegExp(`^${app.edgeUrl}/track/`));
  await expect(page.locator('#greeting')).toContainText('Rosa');
  await expect(page.locator('#status')).toHaveText('En route');

  // Rosa replies from the phone page; the console's poller puts it on her job.
  await page.goBack();
  await page.getByRole('textbox', { name: 'Your reply' }).fill('Gate is <b>open</b>');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('status').first()).toContainText('Sent.');
  await expect(async () => {
    const file = JSON.parse(
      await readFile(path.join(app.workspace, 'data', 'jobs.json'), 'utf8'),
    ) as {
      jobs: {
        customer_name: string;
        texts?: { direction: string; state: string; body?: string }[];
      }[];
    };
    const rosa = file.jobs.find((j) => j.customer_name === 'Rosa')!;
    // The sandbox's delivery report came back through the same queue.
    expect(rosa.texts?.find((t) => t.direction === 'out')?.state).toBe('delivered');
    expect(rosa.texts?.some((t) => t.direction === 'in' && t.body === 'Gate is <b>open</b>')).toBe(
      true,
    );
  }).toPass({ timeout: 5_000 });
  expect(problems).toEqual([]);
  await desk.close();
  await phone.close();
});
