import fc from 'fast-check';

/**
 * Runs per property (fast-check's default is 100). FC_RUNS raises it for a deeper search;
 * FC_SEED replays a failure fast-check reported.
 */
export const RUNS = Number(process.env.FC_RUNS ?? 200);

/** fc.assert with this suite's run count, and the seed from the environment when given. */
export function check<Ts extends [unknown, ...unknown[]]>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  runs = RUNS,
): void | Promise<void> {
  const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };
  return fc.assert(property as fc.IAsyncProperty<Ts>, { numRuns: runs, ...seed });
}
