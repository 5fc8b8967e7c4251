import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startConsole } from './support/console-harness';
import type { RunningConsole } from './support/console-harness';
import { seedJobs } from './support/seed-jobs';
import { onBoardByDefault } from './support/board-count';

// Issue 17, point 7: the searches a dispatcher made in a real week, over every field of 500
// jobs; and toasts that never cover a column's header or a control, at a laptop's 1366×768,
// a desk's 1920×1080 and a narrow window. Screenshots go to test-results/screens/.
const SPECIAL: Record<number, object> = {
  10: {
    customer_name: 'Maria Gonzalez',
    service: 'Hot tub removal',
    notes: 'Old fridge by the side door. Gate code 4471.',
    assigned_to: 'Tom S.',
    email: 'maria.g@example.com',
  },
  11: { customer_name: 'José Ortiz', service: '20yd dumpster drop' },
};
const jobs = seedJobs(500).map((job, i) => ({ ...job, ...SPECIAL[i] }));
const count = (keep: (job: (typeof jobs)[number]) => boolean) => jobs.filter(keep).length;

let app: RunningConsole;
test.beforeAll(async () => {
  app = await startConsole({ jobs });
});
test.afterAll(async () => {
  await app.stop();
});

const cards = (page: Page) =>
  page.getByRole('region', { name: 'Jobs by status' }).getByRole('article');
const found = (page: Page) => page.locator('.find-bar .found');

test('search finds notes, service, crew, a price, a typo and an accent; says when nothing does', async ({
  page,
}) => {
  await page.goto(app.url);
  await expect(
    page.getByText(`${onBoardByDefault(jobs, new Date())} jobs`, { exact: true }),
  ).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search jobs' });
  const onlyMaria = async (query: string) => {
    await search.fill(query);
    await expect(cards(page), query).toHaveCount(1);
    await expect(cards(page).first()).toHaveAccessibleName(/^Maria Gonzalez,/);
    await expect(found(page)).toHaveText(/^1 of 500 match/);
  };
  await onlyMaria('fridge');
  await onlyMaria('gate code');
  await onlyMaria('hot t');
  await onlyMaria('gonzales');
  await onlyMaria('maria.g@example');

  await search.fill('jose');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toHaveAccessibleName(/^José Ortiz,/);

  // Many jobs: the bar says how many (the columns show only their recent closed ones).
  await search.fill('Tom');
  await expect(found(page)).toHaveText(
    new RegExp(`^${count((j) => j.assigned_to === 'Tom S.')} of 500 match`),
  );
  await search.fill('$350');
  await expect(found(page)).toHaveText(new RegExp(`^${count((j) => j.price === 350)} of 500`));

  await search.fill('xyzzy');
  await expect(cards(page)).toHaveCount(0);
  await expect(found(page)).toHaveText(/^No jobs match “xyzzy” Clear search$/);
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(search).toHaveValue('');
  await expect(
    page.getByText(`${onBoardByDefault(jobs, new Date())} jobs`, { exact: true }),
  ).toBeVisible();
});

/**
 * What of the page, outside the toasts, a toast's box covers: column headers and anything a
 * dispatcher can click or tab to, as far as it shows (a card scrolled out of its column is not
 * covered by what is drawn over the column's bottom edge).
 */
function coveredByToasts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { left: number; top: number; right: number; bottom: number };
    const meet = (a: Box, b: Box): Box => ({
      left: Math.max(a.left, b.left),
      top: Math.max(a.top, b.top),
      right: Math.min(a.right, b.right),
      bottom: Math.min(a.bottom, b.bottom),
    });
    const empty = (b: Box) => b.right - b.left < 1 || b.bottom - b.top < 1;
    const shown = (el: Element): Box => {
      let box: Box = el.getBoundingClientRect();
      box = meet(box, { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          box = meet(box, p.getBoundingClientRect());
        }
      }
      return box;
    };
    const toasts = [...document.querySelectorAll('.toast')].map((t) => t.getBoundingClientRect());
    const work = document.querySelectorAll(
      '.column-header, button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"]), [role="radio"], article',
    );
    const covered: string[] = [];
    for (const el of work) {
      if (el.closest('.toasts') || !el.checkVisibility()) continue;
      const box = shown(el);
      if (empty(box)) continue;
      if (toasts.some((t) => !empty(meet(box, t)))) {
        covered.push(
          `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent?.slice(0, 40)}`,
        );
      }
    }
    return covered;
  });
}

/** Moves `n` Scheduled cards on to En route with their menus: one Undo toast each. */
async function moveSome(page: Page, n: number) {
  for (let i = 0; i < n; i++) {
    const card = page.locator('[data-status="scheduled"] article.job-card').first();
    await card.getByRole('button', { name: /^Actions for/ }).click();
    await page.getByRole('menuitem', { name: 'Move to En route' }).click();
    await expect(page.locator('.toast')).toHaveCount(i + 1);
  }
}

for (const [width, height, schemes] of [
  [1366, 768, ['light', 'dark']],
  [1920, 1080, ['light', 'dark']],
  [760, 640, ['light']],
] as const) {
  for (const scheme of schemes) {
    test(`toasts cover no header and no control at ${width}×${height} in ${scheme}`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(app.url);
      await expect(cards(page).first()).toBeVisible();
      await moveSome(page, 4);
      // The newest shows in full width at least; the strip makes no page scroll.
      await expect(page.locator('.toast').first()).toBeVisible();
      expect(
        await page.evaluate(
          () => document.documentElement.scrollHeight <= document.documentElement.clientHeight,
        ),
      ).toBe(true);
      await page.screenshot({
        path: `test-results/screens/toasts-${width}x${height}-${scheme}.png`,
      });
      expect(await coveredByToasts(page)).toEqual([]);

      // With a job's panel open beside the board, its controls are not covered either.
      await cards(page).first().focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('.toast')).not.toHaveCount(0);
      await page.waitForTimeout(300);
      await page.screenshot({
        path: `test-results/screens/toasts-panel-${width}x${height}-${scheme}.png`,
      });
      expect(await coveredByToasts(page)).toEqual([]);
    });
  }
}
