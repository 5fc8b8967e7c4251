// Run as a child process by file-lock.test.ts: argv[3] times, under the lock on argv[2], reads
// the number in that file, yields, and writes it back plus one. Two holders at once lose counts.
import { readFile, writeFile } from 'node:fs/promises';
import { withFileLock } from '../../../src/core/storage/file-lock';

const [file, times] = process.argv.slice(2);
if (!file || !times) throw new Error('usage: count-under-lock.ts FILE TIMES');
for (let i = 0; i < Number(times); i++) {
  await withFileLock(file, async () => {
    const n = Number(await readFile(file, 'utf8').catch(() => '0'));
    await new Promise((resolve) => setTimeout(resolve, 1));
    await writeFile(file, String(n + 1));
  });
}
