import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestInbox } from '../../../src/core/inbox/inbox-ingest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// A real sandbox data folder (the inbox keeps no versions, so filing is a rename), as the
// console and `qdn inbox ingest` use it.
const NOW = new Date('2026-11-28T15:00:00Z');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function sandboxData(): Promise<LocalFolderStore> {
  const dir = await mkdtemp(path.join(tmpdir(), 'qdn-inbox-odd-'));
  dirs.push(dir);
  return new LocalFolderStore(dir, { versioned: (key) => !key.startsWith('inbox/') });
}

const deps = (data: LocalFolderStore) => ({
  data,
  repository: new JobsRepository(data),
  publish: () => Promise.resolve(),
  timeZone: 'America/Chicago',
  now: () => NOW,
});

function request(id: string): string {
  return JSON.stringify({
    schema: 1,
    kind: 'request',
    id,
    submitted_at: '2026-11-28T14:59:00Z',
    name: 'Olivia',
    phone: '+1 312 555 0142',
    address: '4410 N Clark St',
    service: 'Furniture',
    date: '2026-12-03',
    window: 'morning',
  });
}

describe('ingest and what no pass can file', () => {
  it('leaves inbox/new/X/a.json where it is and names it, after inbox/new/X was filed; this pass and the next go on', async () => {
    const data = await sandboxData();
    // `inbox/new/X` arrives (garbage: rejected, filed as inbox/rejected/X) ...
    await data.put('inbox/new/X', 'not json {');
    expect((await ingestInbox(deps(data))).rejected.map((r) => r.key)).toEqual(['inbox/new/X']);
    // ... then `inbox/new/X/a.json` (as the sandbox's upload took it before it refused such
    // keys), whose reason would go in inbox/rejected/X/, where a file stands.
    await data.put('inbox/new/X/a.json', 'not json either {');
    await data.put('inbox/new/ok.json', request('req-oooooooooooooooo'));

    const first = await ingestInbox(deps(data));
    expect(first.created.map((c) => c.key)).toEqual(['inbox/new/ok.json']);
    expect(first.warning).toBe(
      'Left in the inbox, as no submission can be filed so: inbox/new/X/a.json (its name holds a folder). Move or delete it by hand.',
    );
    expect((await data.get('inbox/new/X/a.json'))?.body.toString()).toBe('not json either {');

    // Every later pass too: nothing else is held up by it.
    await data.put('inbox/new/later.json', request('req-llllllllllllllll'));
    const second = await ingestInbox(deps(data));
    expect(second.created.map((c) => c.key)).toEqual(['inbox/new/later.json']);
    expect(second.warning).toContain('inbox/new/X/a.json');
    expect((await new JobsRepository(data).list()).map((j) => j.request_id).sort()).toEqual([
      'req-llllllllllllllll',
      'req-oooooooooooooooo',
    ]);
    expect(await readdir(path.join(data.location, 'inbox/new/X'))).toEqual(['a.json']);
  });

  it('leaves a submission whose place in a filing folder is a folder (an older pass filed X/…), and names it', async () => {
    const data = await sandboxData();
    await data.put('inbox/rejected/Y/a.json', 'filed long ago');
    await data.put('inbox/new/Y', 'not json {');
    await data.put('inbox/new/ok.json', request('req-oooooooooooooooo'));
    const result = await ingestInbox(deps(data));
    expect(result.created.map((c) => c.key)).toEqual(['inbox/new/ok.json']);
    expect(result.rejected).toEqual([]);
    expect(result.warning).toContain(
      'inbox/new/Y (a folder stands where it would be filed). Move or delete it by hand.',
    );
    expect((await data.get('inbox/new/Y'))?.body.toString()).toBe('not json {');
    expect((await data.get('inbox/rejected/Y/a.json'))?.body.toString()).toBe('filed long ago');
  });
});
