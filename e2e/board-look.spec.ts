import { expect, test } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { seedJobs } from './support/seed-jobs';

// The board as a dispatcher sees it all day: at a laptop's 1024×768 and a desk's 1920×1080, in
// light and dark. Screenshots go to test-results/screens/ to be looked at, not diffed.
let app: RunningConsole;

test.beforeAll(async () => {
  app = await startConsole({
    jobs: seedJobs(120, (i) =>
      i === 0
        ? {
            customer_name: 'SoderblomPropertyManagementAndRealEstateHoldingsLLC',
            address: '4410 North Clark Street, Apartment 12B, Chicago, IL 60640',
          }
        : i === 1
          ? { call_requested_at: new Date().toISOString() }
          : {},
    ),
  });
});
test.afterAll(async () => {
  await app.stop();
});

for (const [width, height] of [
  [1024, 768],
  [1920, 1080],
] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the board fits ${width}×${height} in ${scheme}, columns scrolling on their own`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(app.url);
      await expect(page.getByRole('article').first()).toBeVisible();
      const sizes = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        pageHeight: document.documentElement.scrollHeight,
        viewWidth: document.documentElement.clientWidth,
        viewHeight: document.documentElement.clientHeight,
      }));
      // No page scroll either way: the columns scroll, the page does not.
      expect(sizes.pageWidth).toBeLessThanOrEqual(sizes.viewWidth);
      expect(sizes.pageHeight).toBeLessThanOrEqual(sizes.viewHeight);
      // Every card is one line per fact: a long name ends in an ellipsis inside its card.
      const long = page.getByRole('article', { name: /^SoderblomProperty/ });
      const card = (await long.boundingBox())!;
      const name = (await long.getByRole('heading').boundingBox())!;
      expect(name.x + name.width).toBeLessThanOrEqual(card.x + card.width);
      await page.screenshot({
        path: `test-results/screens/board-${width}x${height}-${scheme}.png`,
      });

      // Enter on a card opens its panel beside the board; Esc closes it, the card keeps the keyboard.
      const first = page.getByRole('article', { name: /^Customer 2,/ });
      await first.focus();
      await page.keyboard.press('Enter');
      await expect(first).toHaveAttribute('aria-current', 'true');
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screens/panel-${width}x${height}-${scheme}.png`,
      });
      await page.keyboard.press('Escape');
      await expect(first).not.toHaveAttribute('aria-current', 'true');

      // ? lists the shortcuts; Esc closes the list.
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();

      await page.keyboard.press('n');
      await expect(page.getByRole('dialog', { name: 'New job' })).toBeVisible();
      await page.screenshot({
        path: `test-results/screens/new-job-${width}x${height}-${scheme}.png`,
      });
      await page.keyboard.press('Escape');
      await page.getByRole('radio', { name: 'Day', exact: true }).click();
      await page.screenshot({ path: `test-results/screens/day-${width}x${height}-${scheme}.png` });
      await page.getByRole('radio', { name: 'Board' }).click();
    });
  }
}
