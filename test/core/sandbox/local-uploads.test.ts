import { mkdtemp, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mintBookingDocument } from '../../../src/core/inbox/booking-document';
import type { UploadSigner } from '../../../src/core/aws/presigned-post-check';
import { ingestInbox } from '../../../src/core/inbox/inbox-ingest';
import { JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { startLocalEdge } from '../../../src/core/sandbox/local-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

// The local edge's upload endpoint over real HTTP on 127.0.0.1, storing into a real folder.
const SIGNER: UploadSigner = {
  accessKeyId: 'QDNSANDBOXTEST01',
  secretAccessKey: 'sandbox-secret-for-tests-only-0000000000',
  region: 'us-east-1',
};
const BUCKET = 'qdn-sandbox-data';
const NOW = new Date('2026-11-28T09:00:00Z');
const SUBMISSION = JSON.stringify({
  schema: 1,
  kind: 'request',
  id: 'req-tttttttttttttttt',
  submitted_at: '2026-11-28T08:59:00Z',
  name: 'Olivia',
  phone: '+1 312 555 0142',
  address: '4410 N Clark St',
  service: 'Furniture',
  date: '2026-12-03',
  window: 'morning',
});

let dir: string;
let data: LocalFolderStore;
let edge: LocalEdge;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-local-uploads-'));
  data = new LocalFolderStore(path.join(dir, 'data'), {
    versioned: (key) => !key.startsWith('inbox/'),
  });
  edge = await startLocalEdge({
    origin: new LocalFolderStore(path.join(dir, 'prod')),
    uploads: { bucket: BUCKET, store: data, signer: SIGNER },
    now: () => NOW.getTime(),
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await edge.stop();
  await rm(dir, { recursive: true, force: true });
});

/** What the booking page posts: the published policy's fields, the key, the file last. */
async function post(key: string): Promise<Response> {
  const doc = await mintBookingDocument({
    target: { bucket: BUCKET, prefix: '', endpoint: edge.url },
    signer: SIGNER,
    business: { name: 'QuickDumpNow', time_zone: 'America/Chicago' },
    now: NOW,
  });
  const body = new FormData();
  for (const [name, value] of Object.entries({ ...doc.upload.fields, key })) {
    body.append(name, value);
  }
  body.append('file', new Blob([SUBMISSION], { type: 'application/json' }), 'b.json');
  return fetch(`${edge.url}/${BUCKET}`, { method: 'POST', body });
}

/** Every file under the data folder but the store's own bookkeeping. */
async function filesOnDisk(): Promise<string[]> {
  const all = await readdir(path.join(dir, 'data'), { recursive: true }).catch(() => []);
  return all.filter((f) => !f.startsWith('.qdn')).sort();
}

describe('the local edge upload endpoint (/<bucket>)', () => {
  it('answers a store failure as S3 does, naming no path on the laptop (the dispatcher sees it on stderr)', async () => {
    // inbox/new is a file: the folder store cannot write under it (ENOTDIR, with the path).
    await mkdir(path.join(dir, 'data', 'inbox'), { recursive: true });
    await writeFile(path.join(dir, 'data', 'inbox', 'new'), 'in the way');
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const res = await post('inbox/new/b.json');
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toContain('<Code>InternalError</Code>');
    expect(text).not.toContain(dir);
    expect(text).not.toMatch(/\/(tmp|home|Users|root)\b/);
    const logged = stderr.mock.calls.map(([m]) => String(m)).join('');
    expect(logged).toContain('an upload to inbox/new/b.json was not stored');
    expect(logged).toContain(path.join(dir, 'data', 'inbox', 'new'));
  });

  it('refuses a key with a "/" below inbox/new/: inbox/new/X then inbox/new/X/a.json cannot both be made', async () => {
    expect((await post('inbox/new/X')).status).toBe(204);
    const nested = await post('inbox/new/X/a.json');
    expect(nested.status).toBe(400);
    expect(await nested.text()).toContain('<Code>InvalidArgument</Code>');
    expect((await post('inbox/new/Y/a.json')).status).toBe(400);
    expect(await filesOnDisk()).toEqual(['inbox', 'inbox/new', 'inbox/new/X']);
  });

  it('refuses inbox/new/x.tmp (the folder store’s temp-file naming) instead of a 204 that ingest never sees', async () => {
    const res = await post('inbox/new/x.tmp');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('<Code>InvalidArgument</Code>');
    expect(text).toContain('inbox/new/x.tmp');
    expect(text).not.toContain(dir);
    expect(await filesOnDisk()).toEqual([]);

    // Every 204 is a submission the next pass takes in.
    expect((await post('inbox/new/ok.json')).status).toBe(204);
    const result = await ingestInbox({
      data,
      repository: new JobsRepository(data),
      publish: () => Promise.resolve(),
      timeZone: 'America/Chicago',
      now: () => NOW,
    });
    expect(result.created.map((c) => c.key)).toEqual(['inbox/new/ok.json']);
  });
});
