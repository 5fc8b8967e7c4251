// `npx tsx bench/board.ts` (board; needs `npm run build`): issue 8's Speed table, in Chromium over
// the browser harness with 5,000 jobs. Data → interactive board next to the floor (the same jobs
// drawn as 5,000 plain <li> rows in the same page), a search keystroke → updated board (digits,
// words over every field, and the first one as soon as the board is ready), and a status move
// → the card in its new column. Medians [min–max] of several rounds, one run.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { transform } from 'esbuild';
import { chromiumLaunchOptions } from '../e2e/support/chromium';
import { startConsole } from '../e2e/support/console-harness';
import { seedJobs } from '../e2e/support/seed-jobs';
import { ms, stat } from './lib';
import type { Stat } from './lib';

const JOBS = 5_000;
const ROUNDS = 7;
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

try {
  const board: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    board.push(await loadBoard());
    floor.push(await probe('plainRows()'));
  }
  const search = page.getByRole('searchbox', { name: 'Search jobs' });
  // The first keystroke as soon as the board is ready: the index may still be being built.
  const first: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await loadBoard();
    await search.focus();
    first.push(await keystroke('h'));
    await keystroke('Backspace');
  }
  const keys: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await search.focus();
    for (const key of ['1', '2', 'Backspace', 'Backspace']) keys.push(await keystroke(key));
  }
  // Words over every field, typed and taken back letter by letter: prefixes, a one-letter
  // word ("hot t"), a whole word.
  const words: number[] = [];
  const typed = [...'hot tub'];
  for (let i = 0; i < ROUNDS; i++) {
    await search.focus();
    for (const key of [...typed, ...typed.map(() => 'Backspace')]) {
      words.push(await keystroke(key === ' ' ? 'Space' : key));
    }
  }
  const moves: number[] = [];
  for (let i = 0; i < ROUNDS; i++) moves.push(await move());

  const line = (name: string, s: Stat, target: string, extra = '') =>
    console.log(`${name}\n  ${ms(s)}${extra} (target ${target})`);
  const boardStat = stat(board);
  const floorStat = stat(floor);
  line(
    `data → interactive board, ${JOBS} jobs`,
    boardStat,
    '≤ 1.5× and ≤ 300 ms',
    `, ${(boardStat.median / floorStat.median).toFixed(2)}× the floor (${ms(floorStat)} for ${JOBS} plain <li> rows)`,
  );
  line('search keystroke → updated board', stat(keys), '≤ 50 ms');
  line('search keystroke, "hot tub" over every field → updated board', stat(words), '≤ 50 ms');
  line('first search keystroke once the board is ready → updated board', stat(first), '≤ 50 ms');
  line('status move → card in its new column', stat(moves), '≤ 100 ms');
} finally {
  await browser.close();
  await app.stop();
}
