import { mkdtemp, rm } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintBookingDocument } from '../../../src/core/inbox/booking-document';
import { parseMultipartForm } from '../../../src/core/http/multipart-form';
import type { FormPart } from '../../../src/core/http/multipart-form';
import { checkPresignedPost } from '../../../src/core/aws/presigned-post-check';
import type { UploadSigner } from '../../../src/core/aws/presigned-post-check';
import { startLocalEdge } from '../../../src/core/sandbox/local-edge';
import type { LocalEdge } from '../../../src/core/sandbox/local-edge';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';
import type { BookingDocument } from '../../../src/shared/inbox/booking-document';

const SIGNER: UploadSigner = {
  accessKeyId: 'QDNSANDBOXTEST01',
  secretAccessKey: 'sandbox-secret-for-tests-only-0000000000',
  region: 'us-east-1',
};
const OTHER: UploadSigner = {
  ...SIGNER,
  secretAccessKey: 'someone-elses-secret-000000000000000000',
};
const BUCKET = 'qdn-sandbox-data';
const NOW = new Date('2026-11-28T09:00:00Z');
const SUBMISSION = JSON.stringify({ schema: 1, kind: 'request', id: 'a'.repeat(22) });

async function mint(signer = SIGNER, now = NOW): Promise<BookingDocument> {
  return mintBookingDocument({
    target: { bucket: BUCKET, prefix: '', endpoint: 'http://127.0.0.1:4780' },
    signer,
    business: { name: 'QuickDumpNow', time_zone: 'America/Chicago' },
    now,
  });
}

/** The form a phone sends: the policy's fields, then key, then the file last. */
function form(
  doc: BookingDocument,
  over: Record<string, string> = {},
  file = SUBMISSION,
): FormPart[] {
  const fields = { ...doc.upload.fields, key: `${doc.upload.key_prefix}abc.json`, ...over };
  return [
    ...Object.entries(fields).map(([name, value]) => ({
      name,
      filename: null,
      contentType: null,
      data: Buffer.from(value),
    })),
    { name: 'file', filename: 'blob', contentType: 'application/json', data: Buffer.from(file) },
  ];
}

describe('the booking upload policy', () => {
  it('is valid for under a week, for inbox/new/ JSON of at most 8 KB', async () => {
    const doc = await mint();
    expect(doc.upload.url).toBe(`http://127.0.0.1:4780/${BUCKET}`);
    expect(doc.upload.key_prefix).toBe('inbox/new/');
    expect(Date.parse(doc.upload.expires_at) - NOW.getTime()).toBeLessThanOrEqual(7 * 86400_000);
    const policy = JSON.parse(
      Buffer.from(doc.upload.fields.Policy ?? '', 'base64').toString('utf8'),
    ) as { expiration: string; conditions: unknown[] };
    expect(policy.expiration).toBe(doc.upload.expires_at);
    expect(policy.conditions).toContainEqual(['starts-with', '$key', 'inbox/new/']);
    expect(policy.conditions).toContainEqual(['content-length-range', 2, 8192]);
    expect(policy.conditions).toContainEqual({ 'Content-Type': 'application/json' });
  });

  it('accepts a submission as minted', async () => {
    const check = checkPresignedPost(form(await mint()), BUCKET, SIGNER, NOW);
    expect(check).toMatchObject({
      ok: true,
      key: 'inbox/new/abc.json',
      contentType: 'application/json',
    });
  });

  it.each(['inbox/processed/abc.json', 'inbox/rejected/abc.json', 'inbox/abc.json', 'jobs.json'])(
    'confines uploads to inbox/new/: refuses %s',
    async (key) => {
      const check = checkPresignedPost(form(await mint(), { key }), BUCKET, SIGNER, NOW);
      expect(check).toMatchObject({ ok: false, code: 'AccessDenied' });
      if (!check.ok) expect(check.message).toContain('["starts-with","$key","inbox/new/"]');
    },
  );

  it.each([
    ['after expiry', {}, SUBMISSION, new Date(NOW.getTime() + 7 * 86400_000), 'Policy expired'],
    ['outside the prefix', { key: 'jobs.json' }, SUBMISSION, NOW, 'starts-with'],
    ['with another content type', { 'Content-Type': 'text/html' }, SUBMISSION, NOW, 'Content-Type'],
    ['over the size limit', {}, 'x'.repeat(8193), NOW, 'content-length-range'],
    ['empty', {}, '', NOW, 'content-length-range'],
    [
      'with a field the policy does not cover',
      { acl: 'public-read' },
      SUBMISSION,
      NOW,
      'Extra input',
    ],
  ])('refuses an upload %s', async (_name, over, file, now, why) => {
    const doc = await mint();
    const check = checkPresignedPost(form(doc, over, file), BUCKET, SIGNER, now);
    expect(check.ok).toBe(false);
    if (!check.ok && why) expect(check.message).toContain(why);
  });

  it('refuses a policy signed for another bucket', async () => {
    const check = checkPresignedPost(form(await mint()), 'qdn-prod-site', SIGNER, NOW);
    expect(check).toMatchObject({ ok: false, code: 'AccessDenied' });
  });

  it('refuses a policy it did not sign, or one changed after signing', async () => {
    const foreign = checkPresignedPost(form(await mint(OTHER)), BUCKET, SIGNER, NOW);
    expect(foreign).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
    const otherKey = checkPresignedPost(
      form(await mint({ ...SIGNER, accessKeyId: 'AKIAOTHER' })),
      BUCKET,
      SIGNER,
      NOW,
    );
    expect(otherKey).toMatchObject({ ok: false, code: 'InvalidAccessKeyId' });

    const doc = await mint();
    const policy = JSON.parse(Buffer.from(doc.upload.fields.Policy ?? '', 'base64').toString()) as {
      conditions: unknown[];
    };
    policy.conditions = policy.conditions.map((c) =>
      Array.isArray(c) && c[0] === 'content-length-range'
        ? ['content-length-range', 0, 10_000_000]
        : c,
    );
    const widened = Buffer.from(JSON.stringify(policy)).toString('base64');
    expect(checkPresignedPost(form(doc, { Policy: widened }), BUCKET, SIGNER, NOW)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
    });
  });
});

/** A policy for all of `inbox/`, signed with the sandbox's own keys (as policies once were). */
async function widePolicy(): Promise<BookingDocument> {
  const client = new S3Client({
    region: SIGNER.region,
    endpoint: 'http://127.0.0.1:4780',
    forcePathStyle: true,
    credentials: { accessKeyId: SIGNER.accessKeyId, secretAccessKey: SIGNER.secretAccessKey },
    systemClockOffset: NOW.getTime() - Date.now(),
  });
  try {
    const post = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'inbox/${filename}',
      Conditions: [
        ['starts-with', '$key', 'inbox/'],
        ['content-length-range', 2, 8192],
      ],
      Fields: { 'Content-Type': 'application/json' },
      Expires: 3600,
    });
    const { key: _key, ...fields } = post.fields;
    const doc = await mint();
    return { ...doc, upload: { ...doc.upload, fields, key_prefix: 'inbox/' } };
  } finally {
    client.destroy();
  }
}

describe('multipart form', () => {
  it('reads what a browser FormData sends, and refuses what is not multipart', async () => {
    const data = new FormData();
    data.append('key', 'inbox/x.json');
    data.append('file', new Blob(['{"a":1}'], { type: 'application/json' }), 'x.json');
    const request = new Request('http://x.invalid/', { method: 'POST', body: data });
    const parts = parseMultipartForm(
      Buffer.from(await request.arrayBuffer()),
      request.headers.get('content-type') ?? '',
    );
    expect(parts?.map((p) => [p.name, p.filename, p.data.toString()])).toEqual([
      ['key', null, 'inbox/x.json'],
      ['file', 'x.json', '{"a":1}'],
    ]);
    expect(parseMultipartForm(Buffer.from('{"a":1}'), 'application/json')).toBeNull();
    expect(
      parseMultipartForm(Buffer.from('--b\r\nbroken'), 'multipart/form-data; boundary=b'),
    ).toBeNull();
  });
});

describe('the local edge as the data bucket', () => {
  let dir: string;
  let data: LocalFolderStore;
  let edge: LocalEdge;
  let clock: number;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qdn-upload-'));
    data = new LocalFolderStore(path.join(dir, 'data'));
    const origin = new LocalFolderStore(path.join(dir, 'prod'));
    await origin.put('404.html', '<p>QuickDumpNow: not here</p>', {
      contentType: 'text/html; charset=utf-8',
    });
    clock = NOW.getTime();
    edge = await startLocalEdge({
      origin,
      uploads: { bucket: BUCKET, store: data, signer: SIGNER },
      now: () => clock,
    });
  });
  afterEach(async () => {
    await edge.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function post(doc: BookingDocument, over: Record<string, string> = {}, file = SUBMISSION) {
    const body = new FormData();
    for (const [name, value] of Object.entries({
      ...doc.upload.fields,
      key: 'inbox/new/abc.json',
      ...over,
    })) {
      body.append(name, value);
    }
    body.append('file', new Blob([file], { type: 'application/json' }), 'abc.json');
    return fetch(`${edge.url}/${BUCKET}`, { method: 'POST', body });
  }

  it('stores an upload that meets the policy in inbox/new/, as S3 would (204)', async () => {
    const res = await post(await mint());
    expect(res.status).toBe(204);
    const stored = await data.get('inbox/new/abc.json');
    expect(stored?.body.toString()).toBe(SUBMISSION);
    expect(stored?.contentType).toBe('application/json');
  });

  it('stores nothing for a refused upload', async () => {
    const doc = await mint();
    expect((await post(doc, { key: 'jobs.json' })).status).toBe(403);
    expect((await post(doc, { key: 'inbox/processed/abc.json' })).status).toBe(403);
    expect((await post(doc, { key: 'inbox/rejected/abc.json' })).status).toBe(403);
    expect((await post(doc, { 'Content-Type': 'text/html' })).status).toBe(403);
    expect((await post(doc, {}, 'x'.repeat(9000))).status).toBe(403);
    expect((await post(doc, {}, 'x'.repeat(70_000))).status).toBe(400);
    expect((await post(await mint(OTHER))).status).toBe(403);
    clock += 7 * 86400_000;
    const expired = await post(doc);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Policy expired');
    expect(await data.list('')).toEqual([]);
  });

  it('refuses a key outside inbox/new/ even under a wider policy its own keys signed', async () => {
    // As the uploader identity's IAM grant does on AWS: a policy minted before uploads moved
    // to inbox/new/ (or minted too wide) still cannot write where the console files documents.
    const wide = await widePolicy();
    for (const key of ['inbox/processed/abc.json', 'inbox/rejected/abc.json', 'inbox/abc.json']) {
      const res = await post(wide, { key });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('AccessDenied');
    }
    expect((await post(wide, { key: 'inbox/new/abc.json' })).status).toBe(204);
    expect((await data.list('')).map((m) => m.key)).toEqual(['inbox/new/abc.json']);
  });

  it('answers an unknown path with the friendly 404 page (a custom error response)', async () => {
    const res = await fetch(`${edge.url}/no-such-page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('QuickDumpNow');
  });
});
