import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptOutList, OPT_OUTS_KEY } from '../../../src/core/messages/opt-outs';
import { optKeyword } from '../../../src/shared/messages/opt-out-keywords';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// The opt-out list (src/core/messages/opt-outs.ts) on a real folder store, which honours
// IfMatch/IfNoneMatch as S3 does: keywords as AWS End User Messaging SMS matches them, the
// file's writes under racing writers, and a damaged file never overwritten.

let dir: string;
let store: LocalFolderStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-opt-outs-'));
  store = new LocalFolderStore(path.join(dir, 'data'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('optKeyword', () => {
  it('knows every carrier opt-out keyword and START/UNSTOP, whatever the case, trimmed', () => {
    for (const word of [
      'STOP',
      'arret',
      'Cancel',
      'END',
      'opt-out',
      'OptOut',
      'quit',
      'REMOVE',
      'td',
      'Unsubscribe',
    ]) {
      expect(optKeyword(`  ${word}\n`)).toEqual({ kind: 'stop', keyword: word.toUpperCase() });
    }
    expect(optKeyword('start')).toEqual({ kind: 'start', keyword: 'START' });
    expect(optKeyword(' UnStop ')).toEqual({ kind: 'start', keyword: 'UNSTOP' });
  });

  it('takes a keyword only as the whole message', () => {
    for (const text of ['stop by at 9', 'please STOP', 'STOP!', 'S T O P', 'OPT OUT', 'HELP', '']) {
      expect(optKeyword(text)).toBeNull();
    }
  });
});

describe('OptOutList', () => {
  it('adds, lists, answers has(), and removes; repeated adds keep the first', async () => {
    const list = new OptOutList(store);
    expect(await list.has('+13125550142')).toBe(false);
    expect(await list.add('+13125550142', '2031-04-01T15:00:00Z', 'STOP')).toBe(true);
    expect(await list.add('+13125550142', '2031-04-02T15:00:00Z', 'QUIT')).toBe(false);
    expect(await list.add('+12065550100', '2031-04-01T16:00:00Z', 'END')).toBe(true);
    expect(await list.has('+13125550142')).toBe(true);
    expect(await list.list()).toEqual([
      { number: '+12065550100', at: '2031-04-01T16:00:00Z', keyword: 'END' },
      { number: '+13125550142', at: '2031-04-01T15:00:00Z', keyword: 'STOP' },
    ]);
    expect(await list.remove('+13125550142')).toBe(true);
    expect(await list.remove('+13125550142')).toBe(false);
    expect(await list.has('+13125550142')).toBe(false);
    const stored = JSON.parse(
      await readFile(path.join(dir, 'data', OPT_OUTS_KEY), 'utf8'),
    ) as unknown;
    expect(stored).toEqual({
      schema: 1,
      numbers: [{ number: '+12065550100', at: '2031-04-01T16:00:00Z', keyword: 'END' }],
    });
  });

  it('loses no number when eight consoles add at once (conditional writes, retried)', async () => {
    const numbers = Array.from({ length: 8 }, (_, i) => `+1312555010${i}`);
    await Promise.all(numbers.map((n) => new OptOutList(store).add(n, '2031-04-01T15:00:00Z')));
    expect((await new OptOutList(store).list()).map((n) => n.number)).toEqual(numbers);
  });

  it('refuses a number that is not E.164, writing nothing', async () => {
    const list = new OptOutList(store);
    await expect(list.add('312-555-0142', '2031-04-01T15:00:00Z')).rejects.toThrow();
    expect(await store.get(OPT_OUTS_KEY)).toBeNull();
  });

  it('never overwrites a list that does not parse', async () => {
    await mkdir(path.join(dir, 'data', 'messages'), { recursive: true });
    await writeFile(path.join(dir, 'data', OPT_OUTS_KEY), '{"schema": 1, "numbers": [');
    const list = new OptOutList(store);
    await expect(list.has('+13125550142')).rejects.toThrow(/not JSON/);
    await expect(list.add('+13125550142', '2031-04-01T15:00:00Z')).rejects.toThrow(/not JSON/);
    expect(await readFile(path.join(dir, 'data', OPT_OUTS_KEY), 'utf8')).toBe(
      '{"schema": 1, "numbers": [',
    );
  });
});
