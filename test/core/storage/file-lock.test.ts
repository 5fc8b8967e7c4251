import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOCK_WAIT_MS, withFileLock } from '../../../src/core/storage/file-lock';
import type { LockClock } from '../../../src/core/storage/file-lock';
import { keyLockFile, LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import { nextYear } from '../../support/dates';
import { QDN_BIN, runQdn } from '../../cli/cli-helpers';

// Real files, real processes: holders are children started with node:child_process and killed
// with SIGKILL, as a crash or `kill -9` leaves them.
const HOLD_LOCK = path.resolve('test/core/storage/hold-lock.ts');
const COUNT_UNDER_LOCK = path.resolve('test/core/storage/count-under-lock.ts');
/** Linux's id of this boot, as the lock records it. */
const BOOT = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

const dirs: string[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-file-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Holder {
  pid: number;
  /** Lets go of the lock (the child then exits). */
  release(): Promise<void>;
  /** SIGKILL, and waits until the process is gone (reaped, not a zombie). */
  kill(): Promise<void>;
}

/** A child process that takes the lock on `file` and holds it. */
async function startHolder(file: string, lockfilePath?: string): Promise<Holder> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', HOLD_LOCK, file, ...(lockfilePath ? [lockfilePath] : [])],
    { cwd: process.cwd() },
  );
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
      child.once('exit', (code) => reject(new Error(`holder exited ${code}: ${stderr}`)));
    });
  const held = await next();
  expect(held.held).toBe(true);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    release: async () => {
      const released = next();
      child.stdin.write('go\n');
      expect((await released).released).toBe(true);
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The pid of a process that has ended (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? -1;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeRecord(lock: string, record: Record<string, unknown>, ageMs = 0) {
  await mkdir(path.dirname(lock), { recursive: true });
  await writeFile(lock, JSON.stringify(record));
  const at = new Date(Date.now() - ageMs);
  await utimes(lock, at, at);
}

const record = (file: string, pid: number, host = os.hostname()) => ({
  pid,
  host,
  since: new Date().toISOString(),
  file,
  token: '0123456789abcdef',
  boot: BOOT,
});

describe('withFileLock: a holder that is gone', () => {
  it('takes over at once (< 1 s) the lock of a writer killed with SIGKILL while holding it', async () => {
    const file = path.join(await folder(), 'jobs.json');
    const holder = await startHolder(file);
    const onDisk = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ pid: holder.pid, host: os.hostname(), file });
    await holder.kill();

    const started = performance.now();
    expect(await withFileLock(file, async () => 'wrote')).toBe('wrote');
    const took = performance.now() - started;
    console.log(`file-lock: a SIGKILLed holder's lock taken over in ${took.toFixed(0)} ms`);
    expect(took).toBeLessThan(1000);
    await expect(stat(`${file}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it("a folder store's put of jobs.json waits for a live holder and goes ahead at once when it is killed", async () => {
    const dir = await folder();
    const store = new LocalFolderStore(dir);
    await store.put('jobs.json', 'v1');
    const holder = await startHolder(path.join(dir, 'jobs.json'), keyLockFile(dir, 'jobs.json'));
    let done = false;
    const put = store.put('jobs.json', 'v2').then(() => (done = true));
    await sleep(400);
    expect(done).toBe(false); // the child's lock is the one the store takes
    await holder.kill();
    const started = performance.now();
    await put;
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await store.get('jobs.json'))?.body.toString()).toBe('v2');
  });

  it('lets exactly one writer at a time through when many race for a dead holder’s lock', async () => {
    const dir = await folder();
    const counter = path.join(dir, 'counter');
    await writeRecord(`${counter}.lock`, record(counter, await deadPid()));
    const child = (times: number) =>
      new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, [
          '--import',
          'tsx',
          COUNT_UNDER_LOCK,
          counter,
          String(times),
        ]);
        children.push(p);
        let stderr = '';
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr))));
      });
    let inside = 0;
    let most = 0;
    const here = async () => {
      for (let i = 0; i < 15; i++) {
        await withFileLock(counter, async () => {
          inside += 1;
          most = Math.max(most, inside);
          const n = Number(await readFile(counter, 'utf8').catch(() => '0'));
          await sleep(1);
          await writeFile(counter, String(n + 1));
          inside -= 1;
        });
      }
    };
    await Promise.all([child(15), child(15), child(15), here(), here()]);
    expect(Number(await readFile(counter, 'utf8'))).toBe(75);
    expect(most).toBe(1);
  });

  it('takes over a record of this pid that this process does not hold (a former life) and one of an earlier boot', async () => {
    const dir = await folder();
    const mine = path.join(dir, 'mine');
    await writeRecord(`${mine}.lock`, record(mine, process.pid));
    const old = path.join(dir, 'old');
    // A live pid (our parent), but of another boot: some other process had that pid then.
    await writeRecord(`${old}.lock`, { ...record(old, process.ppid), boot: 'an-earlier-boot' });
    const parent = path.join(dir, 'parent');
    await writeRecord(`${parent}.lock`, record(parent, process.ppid)); // this boot: live
    await expect(withFileLock(parent, async () => {}, { waitMs: 200 })).rejects.toThrow(
      `is locked by process ${process.ppid} on this computer`,
    );
    const started = performance.now();
    await withFileLock(mine, async () => {}, { waitMs: 2000 });
    await withFileLock(old, async () => {}, { waitMs: 2000 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('serialises writers of one process without polling them apart', async () => {
    const file = path.join(await folder(), 'k');
    let inside = 0;
    let most = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLock(file, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await sleep(2);
          inside -= 1;
        }),
      ),
    );
    const took = performance.now() - started;
    console.log(`file-lock: 20 writers of one process, 2 ms each: ${took.toFixed(0)} ms`);
    expect(most).toBe(1);
    // Polling each other apart took proper-lockfile 1.6 s here; queued, 60–120 ms.
    expect(took).toBeLessThan(1000);
  });
});

describe('withFileLock: a live holder', () => {
  it('makes the waiter wait, saying who holds it, then give up naming them (pid, computer, since, file)', async () => {
    const file = path.join(await folder(), 'jobs.json');
    const holder = await startHolder(file);
    const notices: string[] = [];
    const started = performance.now();
    const error = await withFileLock(file, async () => 'never', {
      waitMs: 1500,
      onWait: (m) => notices.push(m),
    }).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
    expect(error?.message).toMatch(
      new RegExp(
        `^${escape(file)} is locked by process ${holder.pid} on this computer, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(\\d+ s ago\\); gave up waiting after 2 s\\. If that process is stuck, end it`,
      ),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(
      new RegExp(
        `^Waiting for ${escape(file)}: process ${holder.pid} on this computer has held its lock since .+ Waiting up to 2 s\\.$`,
      ),
    );
    expect([error?.message, ...notices].join('\n')).not.toMatch(/already being held/i);

    // The same wait ends well when the holder lets go meanwhile.
    setTimeout(() => void holder.release(), 300);
    expect(await withFileLock(file, async () => 'wrote', { waitMs: 5000 })).toBe('wrote');
  });

  it(`waits up to ${LOCK_WAIT_MS / 1000} s by default, a word every 10 s (a clock of the test's own runs the 30 s)`, async () => {
    const file = path.join(await folder(), 'jobs.json');
    const holder = await startHolder(file);
    let t = Date.now();
    const start = t;
    const clock: LockClock = {
      now: () => t,
      sleep: async (ms) => {
        t += ms;
        await new Promise((resolve) => setImmediate(resolve));
      },
    };
    const notices: string[] = [];
    const error = await withFileLock(file, async () => {}, {
      clock,
      onWait: (m) => notices.push(m),
    }).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(/gave up waiting after 30 s/);
    expect(t - start).toBeGreaterThanOrEqual(30_000);
    expect(t - start).toBeLessThan(30_100);
    expect(notices).toHaveLength(3); // at 1 s, 11 s and 21 s
    expect(notices[0]).toMatch(/Waiting up to 30 s\.$/);

    // A holder that lets go at 20 s: the waiter is still there to take the lock.
    t = Date.now();
    const from = t;
    let releasing: Promise<void> | null = null;
    const waiting = withFileLock(file, async () => t - from, {
      clock: {
        now: () => t,
        sleep: async (ms) => {
          t += ms;
          if (t - from >= 20_000) releasing ??= holder.release();
          await (releasing ?? new Promise((resolve) => setImmediate(resolve)));
        },
      },
      onWait: () => {},
    });
    const tookAt = await waiting;
    expect(tookAt).toBeGreaterThanOrEqual(20_000);
    expect(tookAt).toBeLessThan(20_200);
  });

  it('keeps its lock fresh while it works, so a waiter judging by age does not take it over', async () => {
    const file = path.join(await folder(), 'slow');
    await withFileLock(file, async () => {
      const before = (await stat(`${file}.lock`)).mtimeMs;
      await sleep(2300);
      expect((await stat(`${file}.lock`)).mtimeMs).toBeGreaterThan(before);
    });
  });
});

describe('qdn, kept waiting by a lock', () => {
  it('says on stderr whom `qdn job add` waits for, and adds the job once that writer is killed', async () => {
    const ws = await folder();
    const mark = ['--name', 'Mark', '--address', 'Soderblom Ave', '--price', '600'];
    const args = ['job', 'add', '--workspace', ws, ...mark, '--pickup', nextYear('21:00:00Z')];
    const env = { ...process.env, QDN_FROM_SOURCE: '1' };
    expect((await runQdn(args, { QDN_FROM_SOURCE: '1' })).code).toBe(0);
    const data = path.join(ws, 'data');
    const holder = await startHolder(path.join(data, 'jobs.json'), keyLockFile(data, 'jobs.json'));

    const qdn = spawn(process.execPath, [QDN_BIN, ...args], { env });
    children.push(qdn);
    let stderr = '';
    let stdout = '';
    qdn.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const waiting = new Promise<void>((resolve) =>
      qdn.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('Waiting for')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => qdn.once('exit', resolve));
    await Promise.race([waiting, exited]);
    expect(stderr).toMatch(
      new RegExp(
        `^qdn: Waiting for ${escape(path.join(data, 'jobs.json'))}: process ${holder.pid} on this computer has held its lock since .+ Waiting up to 30 s\\.$`,
        'm',
      ),
    );
    await holder.kill();
    expect(await exited).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ customer_name: 'Mark' });
    expect(stderr).not.toMatch(/already being held/i);
    const listed = await runQdn(['job', 'list', '--workspace', ws], { QDN_FROM_SOURCE: '1' });
    expect((JSON.parse(listed.stdout) as { jobs: unknown[] }).jobs).toHaveLength(2);
  }, 60_000);
});

describe('withFileLock: a lock held on another computer', () => {
  it('is not taken over by its pid (dead here, it means nothing there) but once it goes stale', async () => {
    const file = path.join(await folder(), 'jobs.json');
    const lock = `${file}.lock`;
    const pid = await deadPid();
    await writeRecord(lock, record(file, pid, 'dispatch-2.example'));
    const error = await withFileLock(file, async () => {}, { waitMs: 800, onWait: () => {} }).then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(
        `^${escape(file)} is locked by process ${pid} on dispatch-2\\.example, since .*A lock held on another computer is taken over once it has not been refreshed for 10 s; this one was refreshed 1 s ago\\.$`,
      ),
    );

    // Last refreshed 9.5 s ago: taken over half a second later, when it turns 10 s old.
    await utimes(lock, new Date(Date.now() - 9_500), new Date(Date.now() - 9_500));
    const started = performance.now();
    await withFileLock(file, async () => {}, { onWait: () => {} });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(3000);
  });
});

describe('withFileLock: a lock with no readable owner record', () => {
  it('a folder proper-lockfile left, or a damaged file, is waited for while fresh and taken over once 10 s old', async () => {
    const dir = await folder();
    const legacy = path.join(dir, 'legacy');
    await mkdir(`${legacy}.lock`);
    const damaged = path.join(dir, 'damaged');
    await writeFile(`${damaged}.lock`, '{"pid":');
    for (const file of [legacy, damaged]) {
      await expect(
        withFileLock(file, async () => {}, { waitMs: 300, onWait: () => {} }),
      ).rejects.toThrow(
        new RegExp(
          `^${escape(file)} is locked by a writer that left no readable record in its lock (folder|file)`,
        ),
      );
      const old = new Date(Date.now() - 11_000);
      await utimes(`${file}.lock`, old, old);
      const started = performance.now();
      expect(await withFileLock(file, async () => 'taken')).toBe('taken');
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
