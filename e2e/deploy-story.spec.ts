import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { devices, expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { nextYearPickup } from './support/dates';

const run = promisify(execFile);
const SHOTS = path.resolve('test-results', 'screens');
let app: RunningConsole;
let changedSite: string;

test.beforeAll(async () => {
  app = await startConsole();
  // Release 2 of the site: the built site with one visible change in track.html, and no
  // manifest (a hand-made folder gets the build's rules).
  changedSite = await mkdtemp(path.join(tmpdir(), 'qdn-e2e-site-'));
  await cp('out/site', changedSite, { recursive: true });
  await rm(path.join(changedSite, 'qdn-site-manifest.json'));
  const track = path.join(changedSite, 'track.html');
  const html = await readFile(track, 'utf8');
  expect(html).toContain('<p class="small">Status</p>');
  await writeFile(
    track,
    html.replace('<p class="small">Status</p>', '<p class="small">Status · release 2</p>'),
  );
});
test.afterAll(async () => {
  await app.stop();
  await rm(changedSite, { recursive: true, force: true });
});

const qdn = async (...args: string[]) =>
  JSON.parse(
    (await run(process.execPath, ['bin/qdn.js', ...args, '--workspace', app.workspace])).stdout,
  ) as Record<string, unknown>;

async function openDeploy(page: Page) {
  await page.getByRole('button', { name: /^Deploy/ }).click();
  return page.getByRole('dialog', { name: 'Deploy' });
}

test('a stale page at the edge, fixed by an invalidation, undone by a rollback; Mark’s link doctored', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const job = await qdn(
    'job',
    'add',
    '--name',
    'Mark',
    '--address',
    'Soderblom Ave',
    '--pickup',
    nextYearPickup().iso,
    '--price',
    '600',
  );
  const link = String(job.tracking_url);

  const phone = await (await browser.newContext({ ...devices['iPhone 13'] })).newPage();
  await phone.goto(link);
  await expect(phone.locator('#greeting')).toContainText('Mark');
  await expect(phone.locator('#job .small').first()).toHaveText('Status');

  // Another process stages release 2, as a developer's `qdn deploy stage --from` would.
  const staged = await qdn('deploy', 'stage', '--from', changedSite);
  expect(staged.uploaded).toContain('track.html');

  const desk = await (
    await browser.newContext({ viewport: { width: 1024, height: 768 } })
  ).newPage();
  await desk.goto(app.url);
  await expect(desk.getByRole('button', { name: 'Deploy (prod is behind staging)' })).toBeVisible();
  const sheet = await openDeploy(desk);
  await sheet.getByRole('button', { name: 'Promote to prod…' }).click();
  await expect(sheet.getByText('track.html').first()).toBeVisible();
  await sheet.getByLabel('Invalidate the CDN').uncheck();
  await desk.screenshot({ path: path.join(SHOTS, 'deploy-plan-1024-light.png') });
  await sheet.getByRole('button', { name: /^Promote \d+ files? to prod$/ }).click();
  await expect(sheet.getByText(/^Promote finished/)).toBeVisible({ timeout: 30_000 });

  // Without an invalidation the edge keeps the page it cached: the seed's stale page.
  await phone.reload();
  await expect(phone.locator('#greeting')).toContainText('Mark');
  await expect(phone.locator('#job .small').first()).toHaveText('Status');

  await sheet.getByRole('button', { name: 'Invalidate every page' }).click();
  await expect(sheet.getByText(/: Completed/)).toBeVisible({ timeout: 30_000 });
  await phone.reload();
  await expect(phone.locator('#job .small').first()).toHaveText('Status · release 2');

  // Roll back to the first release: the old bytes come back, invalidated and verified.
  const releases = sheet.locator('ul.releases > li');
  await expect(releases).toHaveCount(2);
  await releases.nth(1).getByRole('button', { name: 'Rollback…' }).click();
  await releases
    .nth(1)
    .getByRole('button', { name: /^Roll prod back to / })
    .click();
  await expect(sheet.getByText(/^Rollback finished/)).toBeVisible({ timeout: 30_000 });
  await phone.reload();
  await expect(phone.locator('#job .small').first()).toHaveText('Status');
  await expect(phone.locator('#greeting')).toContainText('Mark');

  // Mark's incident: his status document is gone from prod.
  const token = link.split('/track/')[1]!;
  await rm(path.join(app.workspace, 'sites', 'prod', 'api', 'track', `${token}.json`));
  // The dispatcher doctors it from Mark's job panel.
  await sheet.getByRole('button', { name: 'Close' }).first().click();
  await expect(sheet).toBeHidden();
  await desk.getByRole('article', { name: /^Mark,/ }).click();
  const panel = desk.getByRole('complementary', { name: 'Mark' });
  await panel.getByRole('button', { name: 'Check the link' }).click();
  // In a dispatcher's words, with one Fix; the engineer's words wait behind Details.
  await expect(panel.locator('.doctor-report > p')).toHaveText(
    'Mark’s page is missing from the website. Fix',
  );
  await expect(panel.getByText(/Status document on prod/)).toBeHidden();
  await panel.getByText('Details', { exact: true }).click();
  await expect(panel.getByText(/Status document on prod/)).toBeVisible();
  await panel.getByRole('button', { name: 'Fix', exact: true }).scrollIntoViewIfNeeded();
  await desk.screenshot({ path: path.join(SHOTS, 'link-doctor-1024-light.png'), fullPage: true });
  await panel.getByRole('button', { name: 'Fix', exact: true }).click();
  await expect(panel.locator('.doctor-report > p')).toHaveText(/^Mark’s link works end to end/, {
    timeout: 30_000,
  });
  await phone.reload();
  await expect(phone.locator('#greeting')).toContainText('Mark');
  await phone.screenshot({ path: path.join(SHOTS, 'phone-after-doctor.png') });

  const history = (await qdn('deploy', 'history')).history as { action: string }[];
  expect(history.map((h) => h.action)).toEqual(
    expect.arrayContaining(['stage', 'promote', 'invalidate', 'rollback', 'doctor', 'function']),
  );
});

test('the Deploy sheet’s link doctor finds a job by its customer’s name or phone, or a pasted id', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const pickup = nextYearPickup().iso;
  const add = (name: string, phone: string) =>
    qdn(
      'job',
      'add',
      '--name',
      name,
      '--address',
      '5 Elm St',
      '--phone',
      phone,
      '--pickup',
      pickup,
      '--price',
      '350',
    );
  const priya = await add('Priya Nair', '(312) 555-0142');
  await add('Priyanka Shah', '(312) 555-0177');
  await page.goto(app.url);
  await expect(page.getByRole('article', { name: /^Priya Nair,/ })).toBeVisible();
  const sheet = await openDeploy(page);
  const field = sheet.getByLabel('Job', { exact: true });
  const found = sheet.getByRole('list', { name: 'Jobs found' });
  // Both Priyas for "priya"; only she for her full name, any case.
  await field.fill('priya');
  await expect(found.getByRole('button')).toHaveText([
    'Check Priya Nair’s link',
    'Check Priyanka Shah’s link',
  ]);
  await field.fill('priya nair');
  await expect(found.getByRole('button')).toHaveText(['Check Priya Nair’s link']);
  await expect(found).toContainText('(312) 555-0142');
  await field.press('Enter');
  await expect(sheet.getByText(/^Priya’s link works end to end/)).toBeVisible({ timeout: 30_000 });
  await expect(sheet.getByText('Invalid input')).toHaveCount(0);
  // By phone digits, then a click on the one found.
  await field.fill('555 0177');
  await found.getByRole('button', { name: 'Check Priyanka Shah’s link' }).click();
  await expect(sheet.getByText(/^Priyanka’s link works end to end/)).toBeVisible({
    timeout: 30_000,
  });
  // A pasted id still works; a name on no job says so.
  await field.fill(String(priya.job_id));
  await expect(found).toHaveCount(0);
  await sheet.getByRole('button', { name: 'Check the link' }).click();
  await expect(sheet.getByText(/^Priya’s link works end to end/)).toBeVisible({ timeout: 30_000 });
  await sheet
    .getByRole('region', { name: 'Link doctor' })
    .getByText('Details', { exact: true })
    .click();
  await sheet.getByRole('heading', { name: 'Link doctor' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'link-doctor-by-name-1366.png') });
  await field.fill('Zed');
  await expect(
    sheet.getByText('No job on the board is for “Zed”.', { exact: false }),
  ).toBeVisible();
  await expect(sheet.getByRole('button', { name: 'Check the link' })).toBeDisabled();
});

for (const [width, height] of [
  [1024, 768],
  [1366, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the Deploy sheet at ${width}×${height}, ${scheme}`, async ({ browser }) => {
      const page = await (
        await browser.newContext({ viewport: { width, height }, colorScheme: scheme })
      ).newPage();
      await page.goto(app.url);
      const sheet = await openDeploy(page);
      await expect(sheet.getByRole('heading', { name: 'Staging and prod' })).toBeVisible();
      await sheet
        .getByRole('button', { name: /^Inspect/ })
        .click()
        .catch(() => undefined);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(SHOTS, `deploy-${width}x${height}-${scheme}.png`) });
      await page.keyboard.press('Escape');
      await expect(sheet).toBeHidden();
      await expect(page.getByRole('button', { name: /^Deploy/ })).toBeFocused();
    });
  }
}
