import { randomBytes } from 'node:crypto';

/** `20261129T061500123Z-a1b2c3`: ids of runs, releases and history lines sort by time. */
export function timeId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
