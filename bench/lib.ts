// Shared by the bench files: timings as a median with its spread, and ratios against a
// baseline measured in the same run, so the numbers mean the same on a slow CI box and a fast
// laptop.
import { performance } from 'node:perf_hooks';

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function stat(xs: number[]): Stat {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

export async function time(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Runs the named subjects in turn, `rounds` times, so drift in the machine hits all alike. */
export async function interleave(
  rounds: number,
  subjects: Record<string, () => unknown>,
): Promise<Record<string, Stat>> {
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(subjects).map((k) => [k, []]),
  );
  for (let i = 0; i < rounds; i++) {
    for (const [name, run] of Object.entries(subjects)) times[name]!.push(await time(run));
  }
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, stat(xs)]));
}

export const ms = (s: Stat) =>
  `${s.median.toFixed(0)} ms [${s.min.toFixed(0)}–${s.max.toFixed(0)}]`;

/** One row: today's and the new ratio to the floor, and the target. */
export function row(name: string, floor: Stat, today: Stat | null, now: Stat, target: string) {
  const ratio = (s: Stat) => `${(s.median / floor.median).toFixed(2)}×`;
  console.log(
    `${name}\n  today ${today ? ratio(today) : 'n/a'} → new ${ratio(now)} (target ${target}); ` +
      `floor ${ms(floor)}, today ${today ? ms(today) : 'n/a'}, new ${ms(now)}`,
  );
}
