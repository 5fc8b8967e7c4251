import { devices, expect, test } from '@playwright/test';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import { chicagoDate, dayLabel } from './support/dates';
import type { RunningConsole } from './support/console-harness';

// The business works in Chicago (the workspace's default zone); the customer's phone is set
// to Los Angeles, so every time shown must still be Chicago's, and say so.
const { defaultBrowserType: _webkit, ...iPhone } = devices['iPhone 13'];
const PHONE = { ...iPhone, locale: 'en-US', timezoneId: 'America/Los_Angeles' } as const;
const ADDRESS = 'Apt 4B, 2250 North Lincoln Ave';
// An overnight window a few days out: 1 PM one day to 9 AM the next, typed in Chicago time.
const PICKUP_DAY = chicagoDate(4);
const NEXT_DAY = chicagoDate(5);
const OVERNIGHT = `${dayLabel(PICKUP_DAY)}, 1:00 PM – ${dayLabel(NEXT_DAY)}, 9:00 AM`;

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole();
});
test.afterAll(async () => {
  await app.stop();
});
test.describe.configure({ timeout: 120_000 });

function column(page: Page, status: string) {
  return page.locator(`[data-status="${status}"]`);
}

async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

test("Bob's Diner books on a phone, confirms the quote, and follows the pickup", async ({
  browser,
}) => {
  const desk = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
    // The dispatcher's laptop is in Denver: the quote is still typed in Chicago time.
    timezoneId: 'America/Denver',
    locale: 'en-US',
  });
  const console_ = await desk.newPage();
  await console_.goto(app.url);

  // 1. The customer fills in /book/ on a weak connection: the first upload reaches the bucket
  //    but the answer is lost, so the page sends the same submission again.
  const customer = await phone(browser);
  const book = customer.page;
  let uploads = 0;
  await book.route('**/qdn-sandbox-data', async (route) => {
    uploads++;
    if (uploads === 1) {
      await route.fetch(); // stored…
      await route.abort('connectionreset'); // …but the phone never hears so
    } else {
      await route.continue();
    }
  });
  await book.goto(`${app.edgeUrl}/Book/`); // as painted on the truck
  await expect(book.locator('#request')).toBeVisible();
  await book.getByLabel('Your name or business').fill("Bob's Diner");
  await book.getByLabel('Mobile phone').fill('+1 312 555 0142');
  await book.getByLabel('Pickup address').fill(ADDRESS);
  await book.getByLabel('What to haul').selectOption('Furniture');
  await book.getByLabel('Preferred date').fill(PICKUP_DAY);
  await book.getByLabel('Preferred time').selectOption('afternoon');
  await book.waitForTimeout(3_100); // a person takes longer than the bot threshold
  await book.getByRole('button', { name: 'Request a pickup' }).dblclick();
  await expect(book.locator('#notice')).toContainText('Request received', { timeout: 20_000 });
  expect(uploads).toBeGreaterThanOrEqual(2);
  await book.screenshot({ path: 'test-results/booking/book-received.png', fullPage: true });

  // 2. The request reaches the console's Requested column exactly once.
  const requested = column(console_, 'requested').getByRole('article', { name: /^Bob's Diner,/ });
  await expect(requested).toHaveCount(1, { timeout: 25_000 });
  await expect(column(console_, 'requested').getByRole('button', { name: /new/ })).toBeVisible();
  await expect(console_.getByRole('status').filter({ hasText: 'new request' })).toBeVisible();
  // Another pass later still shows one.
  await console_.evaluate(() => window.dispatchEvent(new Event('focus')));
  await console_.waitForTimeout(1_500);
  await expect(column(console_, 'requested').getByRole('article')).toHaveCount(1);

  // 3. The dispatcher opens the request's panel, quotes an overnight window (typed in the
  //    business's zone) and copies the quote link.
  await requested.click();
  const panel = console_.getByRole('complementary', { name: "Bob's Diner" });
  await panel.getByRole('button', { name: 'Quote', exact: true }).click();
  const quote = panel.getByRole('form', { name: "Quote for Bob's Diner" });
  await quote.getByLabel('Price').fill('240');
  await quote.getByLabel('Pickup from').fill(`${PICKUP_DAY}T13:00`);
  await quote.getByLabel('Until').fill(`${NEXT_DAY}T09:00`);
  await quote.getByRole('button', { name: 'Save quote' }).click();
  await panel.getByRole('button', { name: 'Copy quote link' }).click();
  const quoteLink = await console_.evaluate(() => navigator.clipboard.readText());
  expect(quoteLink).toMatch(new RegExp(`^${app.edgeUrl}/book/[A-Za-z0-9_-]{43}$`));
  // Issue 17 §5: before the customer confirms, one link (the quote's) and the quote text; no
  // tracking link and no "you're booked" text. The quote is in the history.
  await expect(panel.getByTestId('quote-url')).toHaveText(quoteLink);
  await expect(panel.getByTestId('tracking-url')).toHaveCount(0);
  await expect(panel.locator('#sms-variant')).toHaveCount(0);
  await expect(panel.getByTestId('quote-text')).toContainText('your pickup quote is $240.00');
  await expect(panel.locator('.timeline')).toContainText('Quoted $240.00 for');
  await expect(panel.locator('.timeline')).toContainText('by the office');
  await panel.getByRole('heading', { name: 'Quote link' }).scrollIntoViewIfNeeded();
  await console_.screenshot({ path: 'test-results/booking/console-quoted-request.png' });

  // 4. The customer opens the quote and confirms it.
  await book.unroute('**/qdn-sandbox-data');
  await book.goto(quoteLink);
  await expect(book.locator('#quote')).toBeVisible();
  await expect(book.locator('#q-address')).toHaveText(ADDRESS);
  await expect(book.locator('#q-when')).toHaveText(OVERNIGHT);
  await expect(book.locator('#zone')).toHaveText('Times in Chicago time');
  await expect(book.locator('#q-price')).toHaveText('$240.00');
  await book.screenshot({ path: 'test-results/booking/book-quote.png', fullPage: true });
  await book.getByRole('button', { name: 'Confirm this pickup' }).click();
  await expect(book.locator('#notice')).toContainText('Pickup confirmed');

  // 5. The console moves the job to Scheduled; its open panel follows, now with the tracking
  //    link and the status texts instead of the quote's.
  const scheduled = column(console_, 'scheduled').getByRole('article', { name: /^Bob's Diner,/ });
  await expect(scheduled).toBeVisible({ timeout: 25_000 });
  await expect(panel.locator('.status-pill')).toHaveText('Scheduled');
  await expect(panel.getByTestId('tracking-url')).toBeVisible();
  await expect(panel.getByTestId('quote-url')).toHaveCount(0);

  // 5b. The quote link opened again says the pickup is already confirmed, with a link to tap.
  await book.goto(quoteLink);
  await expect(book.locator('#notice')).toContainText('Already confirmed');
  await expect(book.locator('#notice')).not.toContainText('/track/');
  const trackIt = book.locator('#notice').getByRole('link', { name: 'Track your pickup' });
  await expect(trackIt).toHaveAttribute('href', new RegExp('^/track/[A-Za-z0-9_-]{43}$'));
  await book.screenshot({
    path: 'test-results/booking/book-already-confirmed.png',
    fullPage: true,
  });
  await trackIt.tap();
  await expect(book).toHaveURL(new RegExp(`^${app.edgeUrl}/track/[A-Za-z0-9_-]{43}$`));
  await expect(book.locator('#status')).toHaveText('Scheduled');

  // 6. The track page: the address as entered, the overnight window, the name whole, in
  //    Chicago time on a phone in Los Angeles.
  await panel.getByRole('button', { name: 'Copy link' }).click();
  const trackLink = await console_.evaluate(() => navigator.clipboard.readText());
  const track = customer.page;
  await track.goto(trackLink);
  await expect(track.locator('#greeting')).toHaveText("Hi Bob's Diner");
  await expect(track.locator('#address')).toHaveText(ADDRESS);
  await expect(track.locator('#pickup')).toHaveText(OVERNIGHT);
  await expect(track.locator('#zone')).toHaveText('Times in Chicago time');
  await expect(track.locator('#contact')).toContainText('QuickDumpNow');
  await expect(track.locator('#status')).toHaveText('Scheduled');

  // 7. A status change reaches the open page within 10 s, without a reload.
  await panel.getByRole('button', { name: 'Move to En route' }).click();
  const movedAt = Date.now();
  await expect(track.locator('#status')).toHaveText('En route', { timeout: 10_000 });
  expect(Date.now() - movedAt).toBeLessThan(10_000);

  await desk.close();
  await customer.context.close();
});

test('a lead taken on the phone: New request puts it in Requested and opens it to quote', async ({
  browser,
}) => {
  const desk = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1366, height: 768 },
  });
  const console_ = await desk.newPage();
  await console_.goto(app.url);
  await column(console_, 'requested').getByRole('button', { name: 'New request' }).click();
  const dialog = console_.getByRole('dialog', { name: 'New request' });
  await dialog.getByLabel('Customer name').fill('Priya Nair');
  await dialog.getByLabel('Phone').fill('+1 312 555 0199');
  await dialog.getByLabel('Address').fill('2250 N Lincoln Ave');
  await dialog.getByLabel('What to haul').fill('Hot tub removal');
  // Refused beside the field before anything is sent: no pickup yet.
  await dialog.getByRole('button', { name: 'Save request' }).click();
  await expect(dialog.locator('.field-error')).toContainText([
    'Preferred pickup needs a date and time.',
  ]);
  await dialog.getByLabel(/^Preferred pickup/).fill(`${PICKUP_DAY}T13:00`);
  await expect(dialog.locator('.field-error').filter({ hasText: /\w/ })).toHaveCount(0);
  await dialog.getByLabel('Until').fill(`${PICKUP_DAY}T17:00`);
  await console_.screenshot({ path: 'test-results/booking/console-new-request.png' });
  await dialog.getByRole('button', { name: 'Save request' }).click();
  await expect(dialog).toBeHidden();

  const lead = column(console_, 'requested').getByRole('article', { name: /^Priya Nair,/ });
  await expect(lead).toBeVisible();
  await expect(lead).toContainText('needs quote');
  const panel = console_.getByRole('complementary', { name: 'Priya Nair' });
  await expect(panel.locator('.status-pill')).toHaveText('Requested');
  await expect(panel.getByRole('button', { name: 'Quote', exact: true })).toBeVisible();
  await expect(panel.getByTestId('tracking-url')).toHaveCount(0);
  await expect(panel.getByTestId('quote-url')).toHaveCount(0);
  await expect(panel.locator('.messages')).toContainText('save a quote first');
  await console_.screenshot({ path: 'test-results/booking/console-new-request-panel.png' });
  await desk.close();
});

test('an unknown path answers the friendly not-found page with the business name', async ({
  browser,
}) => {
  const { context, page } = await phone(browser);
  const response = await page.goto(`${app.edgeUrl}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText("We can't find that page");
  await expect(page.locator('#contact')).toContainText('QuickDumpNow');
  await context.close();
});

test('a lapsed upload policy: /book/ says booking is paused instead of failing on submit', async ({
  browser,
}) => {
  const { context, page } = await phone(browser);
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST') posted = true;
  });
  // The published document as it would stand had the console been off for a week.
  await page.route('**/api/book-upload.json', async (route) => {
    const doc = (await (await route.fetch()).json()) as { upload: { expires_at: string } };
    doc.upload.expires_at = '2026-11-01T00:00:00Z';
    await route.fulfill({ json: doc });
  });
  await page.goto(`${app.edgeUrl}/book/`);
  await expect(page.locator('#notice')).toContainText('Online booking is paused');
  await expect(page.locator('#request')).toBeHidden();
  expect(posted).toBe(false);
  await context.close();
});

test("late in the evening in Chicago, today's date can still be asked for", async ({ browser }) => {
  const { context, page } = await phone(browser); // in Los Angeles
  // The next 02:30 UTC (within the day the published upload policy is valid): 8:30 or 9:30 PM
  // in Chicago, 6:30 or 7:30 PM on the phone — and already tomorrow in UTC.
  const evening = new Date();
  evening.setUTCHours(26, 30, 0, 0);
  if (evening.getTime() - Date.now() > 86_400_000) evening.setTime(evening.getTime() - 86_400_000);
  await page.clock.setFixedTime(evening);
  await page.goto(`${app.edgeUrl}/book/`);
  await expect(page.locator('#request')).toBeVisible();
  const chicagoToday = new Date(evening.getTime() - 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByLabel('Preferred date')).toHaveAttribute('min', chicagoToday);
  await context.close();
});
