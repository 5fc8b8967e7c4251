import { createInterface } from 'node:readline/promises';
import { UsageError } from './cli-error';

/**
 * Asks once on a terminal. Without one (a script, CI) a changing command never guesses:
 * it refuses, and says which flag makes the intent explicit.
 */
export async function confirm(question: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(`${question} — no terminal to ask on; add --yes to go ahead`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
