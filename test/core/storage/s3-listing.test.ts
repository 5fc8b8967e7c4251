import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListing } from '../../../src/core/storage/s3-listing';
import { createS3Client, S3Store } from '../../../src/core/storage/s3-store';

// S3Store.list reads ListObjectsV2 answers itself (src/core/storage/s3-listing.ts) instead of
// through the SDK's deserializer, which costs a fresh process ~50-70 ms per 300-object page.
// Against s3rver on loopback its result must equal the SDK's own reading of the same answers,
// odd keys included; anything it does not read with certainty is left to the SDK.
const BUCKET = 'qdn-listing';
const ODD_KEYS = [
  'a&b.txt',
  '<tag>.html',
  `quote"and'apos.js`,
  'spaced name .css',
  ' leading space',
  'trailing space ',
  'ünïcødé/ñ.txt',
  'plus+and%20percent.txt',
  'semi;colon&amp;literal.txt',
  'emoji-😀.png',
  'tab\there.txt',
  'dir/sub/deep.json',
];

let server: S3rver;
let directory: string;
let client: S3Client;
let plain: S3Client;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'qdn-s3-listing-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  });
  const { port } = await server.run();
  const settings = {
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  };
  client = createS3Client(settings);
  plain = createS3Client(settings);
  for (const [i, key] of ODD_KEYS.entries()) {
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from('x'.repeat(i)) }),
    );
  }
  for (let i = 0; i < 300; i++) {
    const key = `many/chunk-${String(i).padStart(3, '0')}.js`;
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: Buffer.from(`/* ${i} */`) }),
    );
  }
}, 60_000);

afterAll(async () => {
  client?.destroy();
  plain?.destroy();
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

/** The SDK's own reading of the listing, as S3Store.list read it before. */
async function sdkListing(prefix: string) {
  const out = await plain.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => ({ key: o.Key, etag: o.ETag, size: o.Size }));
}

describe('S3Store.list reads ListObjectsV2 itself', () => {
  it('lists odd keys exactly as the SDK reads them', async () => {
    const listed = await new S3Store(client, BUCKET).list('');
    const odd = listed.filter((m) => !m.key.startsWith('many/'));
    expect(odd.map((m) => m.key).sort()).toEqual([...ODD_KEYS].sort());
    const sdk = (await sdkListing('')).filter((m) => !m.key!.startsWith('many/'));
    expect(odd.map(({ key, etag, size }) => ({ key, etag, size }))).toEqual(sdk);
  });

  it('lists under a store prefix, keys relative to it, as the SDK does', async () => {
    const listed = await new S3Store(client, BUCKET, 'many').list('chunk-1');
    const sdk = await sdkListing('many/chunk-1');
    expect(listed).toHaveLength(100);
    expect(listed).toEqual(
      sdk.map((o) => ({ key: o.key!.slice('many/'.length), etag: o.etag, size: o.size })),
    );
  });

  it("leaves the SDK's deserializer nothing to read on a 300-object page", async () => {
    // What the SDK's own reading produced, seen from outside it (today's list() used it).
    const seen: object[] = [];
    const spied = createS3Client({
      region: 'us-east-1',
      endpoint: await plain.config.endpoint!().then((e) => `http://${e.hostname}:${e.port}`),
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    spied.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        seen.push(result.output);
        return result;
      },
      { step: 'initialize', name: 'spy' },
    );
    try {
      const listed = await new S3Store(spied, BUCKET, 'many').list('');
      expect(listed).toHaveLength(300);
      expect(seen).toHaveLength(1);
      expect((seen[0] as ListObjectsV2CommandOutput).Contents ?? []).toHaveLength(0);
    } finally {
      spied.destroy();
    }
  });
});

/** A stub S3 on 127.0.0.1 that answers every listing with the next of `pages` (real HTTP). */
async function withStub(
  pages: { status?: number; xml: string }[],
  run: (store: S3Store, queries: URLSearchParams[]) => Promise<void>,
): Promise<void> {
  const queries: URLSearchParams[] = [];
  const stub = http.createServer((req, res) => {
    queries.push(new URL(req.url ?? '/', 'http://stub').searchParams);
    const page = pages[Math.min(queries.length - 1, pages.length - 1)]!;
    res.writeHead(page.status ?? 200, { 'content-type': 'application/xml' });
    res.end(page.xml);
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  });
  try {
    await run(new S3Store(s3, 'stub'), queries);
  } finally {
    s3.destroy();
    await new Promise((resolve) => stub.close(resolve));
  }
}

const contents = (key: string, etag = '"e"', size = 1) =>
  `<Contents><Key>${key}</Key><LastModified>2026-12-07T17:01:22.000Z</LastModified><ETag>${etag}</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
const result = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>stub</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys>${inner}</ListBucketResult>\n`;

describe('S3Store.list over a stub S3', () => {
  it('follows continuation tokens across pages', async () => {
    const pages = [
      {
        xml: result(
          `<KeyCount>2</KeyCount><IsTruncated>true</IsTruncated>${contents('a')}${contents('b')}<NextContinuationToken>tok/+=&amp;1</NextContinuationToken>`,
        ),
      },
      { xml: result(`<KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>${contents('c')}`) },
    ];
    await withStub(pages, async (store, queries) => {
      expect((await store.list('')).map((m) => m.key)).toEqual(['a', 'b', 'c']);
      expect(queries[1]?.get('continuation-token')).toBe('tok/+=&1');
    });
  });

  it('leaves to the SDK a listing it does not read with certainty, with the same result', async () => {
    // An entity only the SDK's parser may know what to do with, and a listing with prefixes.
    const odd = result(
      `<KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>${contents('a&#x2F;b&#47;c')}<CommonPrefixes><Prefix>p/</Prefix></CommonPrefixes>`,
    );
    await withStub([{ xml: odd }], async (store) => {
      expect(await store.list('')).toEqual([{ key: 'a/b/c', etag: '"e"', size: 1 }]);
    });
  });

  it('still fails on an S3 error sent with a 200', async () => {
    const error =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>';
    await withStub([{ xml: error }], async (store) => {
      await expect(store.list('')).rejects.toThrow();
    });
  });

  it('still reports an error answer as the SDK names it', async () => {
    const error =
      '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>stub</BucketName></Error>';
    await withStub([{ status: 404, xml: error }], async (store) => {
      await expect(store.list('')).rejects.toMatchObject({ name: 'NoSuchBucket' });
    });
  });
});

describe('parseListing', () => {
  const page = (inner: string) => parseListing(result(inner));

  it('decodes the named entities and character references S3 writes', () => {
    const parsed = page(
      `<KeyCount>1</KeyCount><IsTruncated>false</IsTruncated>${contents('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#233;&#x1F600;', '&quot;9b2c&quot;', 42)}`,
    );
    expect(parsed).toEqual({
      objects: [{ key: `<a> & "b" 'c' é😀`, etag: '"9b2c"', size: 42 }],
      truncated: false,
      nextToken: undefined,
    });
  });

  it('gives up (null) on anything it cannot read with certainty', () => {
    const ok = `<IsTruncated>false</IsTruncated>`;
    expect(page(`<KeyCount>2</KeyCount>${ok}${contents('a')}`)).toBeNull(); // count mismatch
    expect(page(`${ok}${contents('a&nbsp;b')}`)).toBeNull(); // not an XML entity
    expect(page(`${ok}${contents('a & b')}`)).toBeNull(); // a bare ampersand
    expect(page(`${ok}${contents('a\rb')}`)).toBeNull(); // a CR, which XML rewrites
    expect(page(`${ok}<Contents><Key>a</Key><ETag>"e"</ETag></Contents>`)).toBeNull(); // no size
    expect(page(`${ok}${contents('a', '"e"', -1)}`)).toBeNull();
    expect(page(`<IsTruncated>true</IsTruncated>${contents('a')}`)).toBeNull(); // no token
    expect(page(`<IsTruncated>maybe</IsTruncated>`)).toBeNull();
    expect(parseListing('<Error><Code>InternalError</Code></Error>')).toBeNull();
    expect(parseListing(result(ok).slice(0, -30))).toBeNull(); // cut short
  });

  it('reads an empty listing', () => {
    expect(page('<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>')).toEqual({
      objects: [],
      truncated: false,
      nextToken: undefined,
    });
  });
});
