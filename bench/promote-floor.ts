// The floor of a promote for bench/promote.ts: a Node process that loads the S3 client and
// makes the requests a promote under the deploy journal's rules cannot do without, in the same
// order as `qdn deploy promote` (src/core/deploy/prod-change.ts), each wave waiting for the
// one before, and nothing else (no config, no plan, no checks, no report):
//   1. list staging and prod, read the journal, the jobs and staging's health document;
//   2. the journal's intent (and, for a changed file, the kept copy of what it replaces, and
//      the check that the release prod holds is recorded);
//   3. the copies, as many at a time as a promote (COPY_CONCURRENCY), assets before pages;
//   4. the release, the journal (done) and the history record, together.
// Its "prod" is a bucket of its own (floor-dst, as many files as prod) and its records go under
// data/floor/, so it changes nothing qdn or the sync sees. What qdn takes beyond it is the
// process's own work: start-up beyond the S3 client's, plan, checks, the journal's contents.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COPY_CONCURRENCY } from '../src/core/deploy/ordered-copy';
import { DATA_BUCKET, STAGING_BUCKET } from './s3-world';

export const FLOOR_BUCKET = 'floor-dst';
const exec = promisify(execFile);

export const PROMOTE_FLOOR_SCRIPT = `
import { S3Client, CopyObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command,
  PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({ region: 'us-east-1', endpoint: process.env.FLOOR_ENDPOINT, forcePathStyle: true,
  requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' });
const [DATA, STAGING, DST] = ${JSON.stringify([DATA_BUCKET, STAGING_BUCKET, FLOOR_BUCKET])};
const changedOnly = process.env.FLOOR_CASE === 'one-changed';
const list = async (Bucket) => {
  const keys = new Map();
  let ContinuationToken;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken }));
    for (const o of out.Contents ?? []) keys.set(o.Key, o.ETag);
    ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return keys;
};
const get = (Bucket, Key) => s3.send(new GetObjectCommand({ Bucket, Key }))
  .then((o) => o.Body.transformToString(), (err) => { if (err.name !== 'NoSuchKey') throw err; });
const head = (Bucket, Key) => s3.send(new HeadObjectCommand({ Bucket, Key })).catch(() => null);
const put = (Bucket, Key, Body) => s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentType: 'application/json' }));
const copy = (Bucket, Key, from, IfMatch) => s3.send(new CopyObjectCommand({ Bucket, Key,
  CopySource: from, CopySourceIfMatch: IfMatch, MetadataDirective: 'COPY' }));
async function queue(keys, run) {
  let next = 0;
  await Promise.all(Array.from({ length: ${COPY_CONCURRENCY} }, async () => {
    while (next < keys.length) await run(keys[next++]);
  }));
}

const [staging, prod] = await Promise.all([list(STAGING), list(DST),
  get(DATA, 'floor/deploy-journal.json'), get(DATA, 'floor/jobs.json'), get(STAGING, 'api/health.json')]);
const todo = [...staging].filter(([key, etag]) => prod.get(key) !== etag).map(([key]) => key);
const replaced = todo.filter((key) => prod.has(key));
const intent = JSON.stringify({ copies: todo });
await Promise.all([put(DATA, 'floor/deploy-journal.json', intent),
  ...replaced.map((key) => copy(DATA, 'floor/release-objects/' + key, DST + '/' + key)),
  ...(prod.size > 0 ? [head(DATA, 'floor/releases/r.json')] : [])]);
const page = (key) => key.endsWith('.html');
for (const wave of [todo.filter((k) => !page(k)), todo.filter(page)]) {
  await queue(wave, (key) => copy(DST, key, STAGING + '/' + key, staging.get(key)));
}
await Promise.all([put(DATA, 'floor/releases/r.json', JSON.stringify({ files: Object.fromEntries(staging) })),
  put(DATA, 'floor/deploy-journal.json', '{}'), put(DATA, 'floor/deploys/r.json', '{}')]);
s3.destroy();
if (changedOnly !== (todo.length === 1)) throw new Error('the floor copied ' + todo.length + ' files');
`;

/** Runs the floor once as its own process (`oneChanged`: prod holds all but one file). */
export async function promoteFloor(
  endpoint: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  oneChanged: boolean,
): Promise<void> {
  await exec(process.execPath, ['--input-type=module', '-e', PROMOTE_FLOOR_SCRIPT], {
    cwd,
    env: { ...env, FLOOR_ENDPOINT: endpoint, FLOOR_CASE: oneChanged ? 'one-changed' : 'all-new' },
  });
}
