// Run by scripts/build-cli.js once the bundles are built: `node scripts/warm-aws-sdk-cache.js
// OUTDIR`. Loads OUTDIR/aws-sdk.cjs through OUTDIR/code-cache-loader.cjs and makes the S3
// calls a deploy or a job write makes (list, get, head, put, copy, and a 404), against a stub
// S3 on 127.0.0.1 in this process, so that the code cache written as it exits already holds
// the SDK functions those calls compile: the first real AWS command starts warm.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { URL } from 'node:url';

const outdir = path.resolve(process.argv[2] ?? '');
// The built loader, the one the bundles require(), so the cache is the one they read.
const require = createRequire(path.join(outdir, 'code-cache-loader.cjs'));
const { loadWithCodeCache } = require('./code-cache-loader.cjs');
const sdk = loadWithCodeCache(path.join(outdir, 'aws-sdk.cjs'));

const ETAG = '&quot;9b2cf535f27731c974343645a3985328&quot;';
const LISTING =
  '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
  '<Name>b</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>' +
  `<Contents><Key>a.json</Key><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${ETAG}</ETag>` +
  '<Size>2</Size><StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>';
const COPIED = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>${ETAG}</ETag></CopyObjectResult>`;
const MISSING =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>';

const stub = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://stub');
    const answer = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/xml', etag: '"9b2c"', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url.pathname.endsWith('/missing.json')) return answer(404, MISSING);
    if (req.method === 'GET' && url.searchParams.has('list-type')) return answer(200, LISTING);
    if (req.method === 'GET') return answer(200, '{}', { 'content-type': 'application/json' });
    if (req.method === 'HEAD') return answer(200, '');
    if (req.headers['x-amz-copy-source']) return answer(200, COPIED);
    return answer(200, '');
  });
});

async function warm() {
  await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const s3sdk = sdk['@aws-sdk/client-s3']();
  // As src/core/storage/s3-store.ts configures it; the keys come from the default chain (the
  // environment), as they do for a workspace without a profile.
  process.env.AWS_ACCESS_KEY_ID = 'warm';
  process.env.AWS_SECRET_ACCESS_KEY = 'warm';
  const client = new s3sdk.S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${stub.address().port}`,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = 'b';
  try {
    await Promise.all([
      client.send(new s3sdk.ListObjectsV2Command({ Bucket, Prefix: '' })),
      client
        .send(new s3sdk.GetObjectCommand({ Bucket, Key: 'a.json' }))
        .then((o) => o.Body?.transformToByteArray()),
      client.send(new s3sdk.GetObjectCommand({ Bucket, Key: 'missing.json' })).catch(() => null),
      client.send(new s3sdk.HeadObjectCommand({ Bucket, Key: 'a.json' })),
    ]);
    await client.send(
      new s3sdk.PutObjectCommand({
        Bucket,
        Key: 'a.json',
        Body: Buffer.from('{}'),
        ContentType: 'application/json',
        IfMatch: '"9b2c"',
      }),
    );
    await client.send(
      new s3sdk.CopyObjectCommand({
        Bucket,
        Key: 'b.json',
        CopySource: 'b/a.json',
        CopySourceIfMatch: '"9b2c"',
        MetadataDirective: 'COPY',
      }),
    );
  } finally {
    client.destroy();
    stub.close();
  }
}

await warm().catch((err) => {
  console.warn(`qdn: warming the AWS SDK's code cache failed (${String(err)})`);
  process.exitCode = 1;
});
