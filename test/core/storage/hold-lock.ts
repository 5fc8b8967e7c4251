// Run as a child process by file-lock.test.ts: takes the lock on argv[2] (lock file argv[3]),
// says so on stdout, and holds it until a line arrives on stdin (or it is killed).
import { createInterface } from 'node:readline';
import { withFileLock } from '../../../src/core/storage/file-lock';

const [file, lockfilePath] = process.argv.slice(2);
if (!file) throw new Error('usage: hold-lock.ts FILE [LOCKFILE]');
const lines = createInterface({ input: process.stdin });
await withFileLock(
  file,
  async () => {
    process.stdout.write(`${JSON.stringify({ held: true, pid: process.pid })}\n`);
    await new Promise((resolve) => lines.once('line', resolve));
  },
  lockfilePath ? { lockfilePath } : {},
);
lines.close();
process.stdout.write(`${JSON.stringify({ released: true })}\n`);
