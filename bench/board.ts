// `npx tsx bench/board.ts` (board; needs `npm run build`): issue 8's Speed table, in Chromium over
// the browser harness with 5,000 jobs. Data → interactive board next to the floor (the same jobs
// drawn as 5,000 plain <li> rows in the same page), a search keystroke → updated board (digits,
// words over every field, and the first one as soon as the board is ready), and a status move
// → the card in its new column. Then the schedule (issue 17) over 300 jobs in a week across six
// lanes: the Day view's switch → its time line drawn, One day → Week, and a keyboard drag to
// another lane → the block drawn there, beside the floor of the same key in the same rounds
// (Space → the block drawn picked up: a key handled and one block redrawn, nothing saved). Medians
// [min–max] of several rounds, one run. QDN_BENCH_ONLY=drag,first-keystroke runs only the named
// rows (keys: load, keystroke, hot-tub, first-keystroke, move, day, week, drag); the rows a
// ratio needs run with them.
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { transform } from 'esbuild';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { startConsole } from '../e2e/support/console-harness';
import { seedJobs } from '../e2e/support/seed-jobs';
import { addDays, dayKeyOf, weekdayOf, zonedInstant } from '../src/shared/zoned-time';
import { ms, stat } from './lib';
import type { Stat } from './lib';

const JOBS = 5_000;
const ROUNDS = 7;
const ROWS = ['load', 'keystroke', 'hot-tub', 'first-keystroke', 'move', 'day', 'week', 'drag'];
const ONLY = process.env.QDN_BENCH_ONLY?.split(',').map((k) => k.trim()) ?? null;
for (const key of ONLY ?? []) {
  if (!ROWS.includes(key)) throw new Error(`QDN_BENCH_ONLY: no row "${key}" (${ROWS.join(', ')})`);
}
const runs = (key: string) => ONLY === null || ONLY.includes(key);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'out', 'renderer', 'index.html'))) {
  throw new Error('bench/board.ts measures the built console: run `npm run build` first.');
}

// Every field the search reads has text in it, as a dispatcher's jobs do (issue 17: search
// everything): a service, internal notes, an email.
const SERVICES = ['Hot tub removal', '20yd dumpster drop', 'Garage cleanout', 'Appliance pickup'];
const NOTES = [
  'Gate code 4471, dog in the yard',
  'Old fridge by the side door',
  'Call when ten minutes out',
  '',
  'Park on the street, steep driveway',
];
const jobs = seedJobs(JOBS).map((job, i) => ({
  ...job,
  service: SERVICES[i % SERVICES.length],
  notes: NOTES[i % NOTES.length],
  email: `customer${i + 1}@example.com`,
}));
const app = await startConsole({ jobs });
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });

// The page-side timings (DOM code, type-checked with the e2e specs), compiled for the page.
const probes = await transform(
  await readFile(path.join(root, 'e2e', 'support', 'board-probes.ts'), 'utf8'),
  { loader: 'ts', format: 'iife' },
);
await page.addInitScript({ content: probes.code });
/** Runs one probe in the page (see e2e/support/board-probes.ts). */
const probe = (call: string) => page.evaluate<number>(`window.boardProbes.${call}`);

async function loadBoard(): Promise<number> {
  await page.goto(app.url);
  return probe('loadTime()');
}

async function keystroke(key: string): Promise<number> {
  await probe('armKeystroke()');
  await page.keyboard.press(key);
  return probe('keystrokeTime()');
}

/** Moves the first Scheduled card on with its menu: click → the card in En route's DOM. */
async function move(): Promise<number> {
  const card = page.locator('[data-status="scheduled"] article.job-card').first();
  const id = await card.getAttribute('data-job-id');
  await card.getByRole('button', { name: /^Actions for/ }).click();
  const item = page.getByRole('menuitem', { name: 'Move to En route' });
  await item.waitFor();
  await probe(`armMove(${JSON.stringify(id)}, 'en_route')`);
  await item.click();
  return probe('moveTime()');
}

const WEEK_JOBS = 300;

/** 300 jobs over this week (Chicago, 7 AM–6 PM) for five crew and the Unassigned lane. */
function weekJobs() {
  const zone = 'America/Chicago';
  const today = dayKeyOf(new Date(), zone);
  const monday = addDays(today, -weekdayOf(today));
  const crew = ['Tom S.', 'Ana R.', 'Luis M.', 'Truck 2', 'Truck 3', undefined];
  return seedJobs(WEEK_JOBS).map((job, i) => {
    const start = zonedInstant(addDays(monday, i % 7), 7 + (i % 11), (i % 4) * 15, zone);
    return {
      ...job,
      status: 'scheduled',
      service: SERVICES[i % SERVICES.length],
      assigned_to: crew[i % crew.length],
      pickup_date: start.toISOString(),
      pickup_window_end: new Date(start.getTime() + (1 + (i % 3)) * 3_600_000).toISOString(),
      tracking_token: randomBytes(32).toString('base64url'),
    };
  });
}

/** From the next click to the schedule's `qdn:day-rendered` mark with `selector` on the page. */
const SCHEDULE_DRAWN = (selector: string) => `(async () => {
  for (;;) {
    const click = performance.getEntriesByName('bench:click').at(-1);
    const drawn = click && performance.getEntriesByName('qdn:day-rendered').find((m) => m.startTime >= click.startTime);
    if (drawn && document.querySelector(${JSON.stringify(selector)})) {
      performance.clearMarks('bench:click');
      return drawn.startTime - click.startTime;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
})()`;
const ARM_CLICK = `document.addEventListener('click', () => performance.mark('bench:click'), { once: true, capture: true })`;

/**
 * Resolves (in the page) with the ms from the next keydown until `selector` is in the page, or
 * rejects after 5 s with what was awaited: a promise the bench awaits must not hang it (the
 * first draft of the drag row did, waiting for a block that never landed).
 */
const ARM_SEEN = (selector: string) => `window.benchSeen = new Promise((resolve, reject) => {
  let down = 0;
  window.addEventListener('keydown', () => (down = performance.now()), { once: true, capture: true });
  const target = ${JSON.stringify(selector)};
  const check = () => {
    if (down && document.querySelector(target)) {
      seen.disconnect();
      clearTimeout(late);
      resolve(performance.now() - down);
    }
  };
  const seen = new MutationObserver(check);
  seen.observe(document.body, { childList: true, subtree: true, characterData: true });
  const late = setTimeout(() => {
    seen.disconnect();
    reject(new Error('not seen in 5 s: ' + target));
  }, 5000);
});
0`;
const seenTime = () => page.evaluate<number>('window.benchSeen');

/**
 * One job dragged by keyboard between two lanes, down and back up in turn (so that every round
 * has its block): Space (timed until the block is drawn picked up), a lane down or up, Space
 * (timed until the block is drawn in the other lane). Each key waits for the drag to have seen
 * the one before: the draft pressed on regardless, and a press the drag had not taken yet
 * dropped the block where it was, so nothing landed and its wait never ended.
 */
async function dragRound(jobId: string, from: string, to: string, down: boolean) {
  const block = page.locator(`[data-lane="${from}"] [data-job-id="${jobId}"]`);
  await block.waitFor();
  // The previous drop's save and reload settle first (no "saving…" left), as a dispatcher's
  // next drag would find them.
  await page.locator('.block-saving').waitFor({ state: 'detached' });
  await block.focus();
  await page.evaluate(ARM_SEEN(`[data-job-id="${jobId}"].block-dragging`));
  await page.keyboard.press('Space');
  const pickUp = await seenTime();
  await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
  await page.locator(`[data-lane="${to}"].lane-over`).waitFor();
  await page.evaluate(ARM_SEEN(`[data-lane="${to}"] [data-job-id="${jobId}"]`));
  await page.keyboard.press('Space');
  const drop = await seenTime();
  return { pickUp, drop };
}

interface ScheduleTimes {
  day: number[];
  week: number[];
  drops: number[];
  pickUps: number[];
}

async function scheduleTimes(): Promise<ScheduleTimes> {
  const weekApp = await startConsole({ jobs: weekJobs() });
  try {
    const file = path.join(weekApp.workspace, 'config.json');
    const config = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    config.crew = ['Tom S.', 'Ana R.', 'Luis M.'].map((name) => ({ name, kind: 'driver' }));
    (config.crew as object[]).push(
      { name: 'Truck 2', kind: 'truck' },
      { name: 'Truck 3', kind: 'truck' },
    );
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
    await page.goto(weekApp.url);
    await page.locator('article.job-card').first().waitFor();
    const timed = async (name: RegExp | string, selector: string) => {
      await page.evaluate(ARM_CLICK);
      await page.getByRole('radio', { name, exact: true }).click();
      return page.evaluate<number>(SCHEDULE_DRAWN(selector));
    };
    const day: number[] = [];
    const week: number[] = [];
    if (runs('day') || runs('week')) {
      for (let i = 0; i < ROUNDS; i++) {
        day.push(await timed('Day', '.timeline .block'));
        week.push(await timed('Week', '.week-grid .week-job'));
        await page.getByRole('radio', { name: 'One day', exact: true }).click();
        await page.getByRole('radio', { name: 'Board', exact: true }).click();
        await page.locator('article.job-card').first().waitFor();
      }
    }
    const drops: number[] = [];
    const pickUps: number[] = [];
    if (runs('drag')) {
      await page.getByRole('radio', { name: 'Day', exact: true }).click();
      const first = page.locator('[data-lane="Tom S."] .block').first();
      const jobId = (await first.getAttribute('data-job-id'))!;
      for (let i = 0; i < ROUNDS; i++) {
        const down = i % 2 === 0;
        const { pickUp, drop } = down
          ? await dragRound(jobId, 'Tom S.', 'Ana R.', true)
          : await dragRound(jobId, 'Ana R.', 'Tom S.', false);
        pickUps.push(pickUp);
        drops.push(drop);
      }
    }
    return { day, week, drops, pickUps };
  } finally {
    await weekApp.stop();
  }
}

const line = (name: string, s: Stat, target: string, extra = '') =>
  console.log(`${name}\n  ${ms(s)}${extra} (target ${target})`);

try {
  const board: number[] = [];
  const floor: number[] = [];
  // The board's load is every board row's starting point; its ratio needs the floor.
  const boardRows = ['load', 'keystroke', 'hot-tub', 'first-keystroke', 'move'].some(runs);
  for (let i = 0; boardRows && i < ROUNDS; i++) {
    board.push(await loadBoard());
    floor.push(await probe('plainRows()'));
  }
  const search = page.getByRole('searchbox', { name: 'Search jobs' });
  // The first keystroke as soon as the board is ready: the index may still be being built.
  const first: number[] = [];
  if (runs('first-keystroke')) {
    for (let i = 0; i < ROUNDS; i++) {
      await loadBoard();
      await search.focus();
      first.push(await keystroke('h'));
      await keystroke('Backspace');
    }
  }
  const keys: number[] = [];
  if (runs('keystroke')) {
    for (let i = 0; i < ROUNDS; i++) {
      await search.focus();
      for (const key of ['1', '2', 'Backspace', 'Backspace']) keys.push(await keystroke(key));
    }
  }
  // Words over every field, typed and taken back letter by letter: prefixes, a one-letter
  // word ("hot t"), a whole word.
  const words: number[] = [];
  const typed = [...'hot tub'];
  if (runs('hot-tub')) {
    for (let i = 0; i < ROUNDS; i++) {
      await search.focus();
      for (const key of [...typed, ...typed.map(() => 'Backspace')]) {
        words.push(await keystroke(key === ' ' ? 'Space' : key));
      }
    }
  }
  const moves: number[] = [];
  if (runs('move')) for (let i = 0; i < ROUNDS; i++) moves.push(await move());

  const boardStat = stat(board);
  const floorStat = stat(floor);
  if (runs('load')) {
    line(
      `data → interactive board, ${JOBS} jobs`,
      boardStat,
      '≤ 1.5× and ≤ 300 ms',
      `, ${(boardStat.median / floorStat.median).toFixed(2)}× the floor (${ms(floorStat)} for ${JOBS} plain <li> rows)`,
    );
  }
  if (runs('keystroke')) line('search keystroke → updated board', stat(keys), '≤ 50 ms');
  if (runs('hot-tub')) {
    line('search keystroke, "hot tub" over every field → updated board', stat(words), '≤ 50 ms');
  }
  if (runs('first-keystroke')) {
    line('first search keystroke once the board is ready → updated board', stat(first), '≤ 50 ms');
  }
  if (runs('move')) line('status move → card in its new column', stat(moves), '≤ 100 ms');

  if (runs('day') || runs('week') || runs('drag')) {
    const { day, week, drops, pickUps } = await scheduleTimes();
    if (runs('day')) {
      line(
        `Day view switch → schedule drawn, ${WEEK_JOBS} jobs in a week, 6 lanes`,
        stat(day),
        '≤ 300 ms',
      );
    }
    if (runs('week'))
      line(`One day → Week drawn, ${WEEK_JOBS} jobs, 6 lanes`, stat(week), '≤ 300 ms');
    if (runs('drag')) {
      const dropStat = stat(drops);
      const pickStat = stat(pickUps);
      line(
        'schedule: drag to another lane, card lands (keyboard: Space → the block in that lane)',
        dropStat,
        '≤ 100 ms',
        `, ${(dropStat.median / pickStat.median).toFixed(2)}× the floor (${ms(pickStat)} for Space → the block drawn picked up)`,
      );
    }
  }
} finally {
  await browser.close();
  await app.stop();
}
