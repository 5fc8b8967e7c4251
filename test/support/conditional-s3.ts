import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { closeServer, listenOnLoopback } from '../../src/core/http/loopback-server';
import { createS3Client } from '../../src/core/storage/s3-store';

/**
 * Test-only: what s3rver lacks, in front of it on loopback, answering as AWS S3 documents.
 *
 * - Conditional writes (PutObject and CopyObject `If-Match` / `If-None-Match`, CopyObject
 *   `x-amz-copy-source-if-match`): 412 `PreconditionFailed`; If-Match on a key with no current
 *   object: 404 `NoSuchKey`; a conditional write while another write of the key is in flight:
 *   409 `ConditionalRequestConflict` — each with S3's error XML.
 * - A versioned bucket: every write answers `x-amz-version-id`, a delete leaves a delete marker,
 *   `ListObjectVersions` lists versions and markers, GetObject/HeadObject `?versionId=` read an
 *   old version (404 `NoSuchVersion`; 405 for a delete marker), CopyObject copies from one.
 *
 * Everything else (plain reads, listing, deletes, every current object's bytes) is s3rver's:
 * requests are forwarded as signed, with their Host kept so s3rver's SigV4 check still holds.
 * Not a general S3: single-part uploads only, one region, path-style URLs.
 */
export interface ConditionalS3 {
  endpoint: string;
  /** An SDK client for the layer, configured as the product configures its own. */
  client(): S3Client;
  /** Hold every write this long inside its per-key lock, so a race can be staged. */
  holdWrites(ms: number): void;
  /** How many answers of each S3 error code the layer gave (what a test provoked). */
  readonly answered: Map<string, number>;
  close(): Promise<void>;
}

interface Version {
  versionId: string;
  lastModified: Date;
  deleteMarker: boolean;
  etag: string;
  body: Buffer;
  contentType?: string;
  cacheControl?: string;
}

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

export async function startConditionalS3(buckets: readonly string[]): Promise<ConditionalS3> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'qdn-conditional-s3-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port: s3rverPort } = await s3rver.run();
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  // The layer's own calls to s3rver (reading a current object, writing a copy).
  const inner = createS3Client({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${s3rverPort}`,
    forcePathStyle: true,
    credentials,
  });

  const versions = new Map<string, Version[]>();
  const locks = new Map<string, Promise<void>>();
  const answered = new Map<string, number>();
  const clients: S3Client[] = [];
  let holdMs = 0;
  let lastStamp = 0;

  /** Strictly increasing times: versions written in one millisecond still sort. */
  const stamp = () => new Date((lastStamp = Math.max(Date.now(), lastStamp + 1)));

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) s3Error(res, 500, 'InternalError', message);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const url = new URL(req.url ?? '/', 'http://layer.invalid');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const versionId = url.searchParams.get('versionId');
    if (!key) {
      if (req.method === 'GET' && url.searchParams.has('versions')) {
        return listVersions(res, bucket, url.searchParams.get('prefix') ?? '');
      }
      return forward(req, body, res);
    }
    const id = `${bucket}/${key}`;
    if ((req.method === 'GET' || req.method === 'HEAD') && versionId !== null) {
      return readVersion(req, res, id, versionId);
    }
    if (req.method === 'PUT' || req.method === 'DELETE') {
      const conditional = ['if-match', 'if-none-match'].some((h) => req.headers[h] !== undefined);
      if (conditional && locks.has(id)) {
        return s3Error(
          res,
          409,
          'ConditionalRequestConflict',
          'A conflicting conditional operation is currently in progress against this resource. Please try again.',
        );
      }
      return withLock(id, () => write(req, body, res, bucket, key, id));
    }
    // S3 reads are strongly consistent: a read never sees a write half done. s3rver's can (see
    // currentObject), so a read of a key waits for the write under way to finish.
    while (locks.has(id)) await locks.get(id);
    const current = latest(id);
    return forward(req, body, res, current ? { 'x-amz-version-id': current.versionId } : {});
  }

  async function write(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    bucket: string,
    key: string,
    id: string,
  ): Promise<void> {
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    if (req.method === 'DELETE') {
      const status = await forward(req, body, res, () => {
        const marker = record(id, { deleteMarker: true, etag: '', body: Buffer.alloc(0) });
        return { 'x-amz-version-id': marker.versionId, 'x-amz-delete-marker': 'true' };
      });
      return void status;
    }
    if (!(await preconditionsHold(req, res, bucket, key))) return;
    const copySource = req.headers['x-amz-copy-source'];
    if (typeof copySource === 'string') return copy(req, res, bucket, key, id, copySource);
    await forward(req, body, res, async () => {
      const stored = await currentObject(bucket, key);
      const version = record(id, stored ?? { etag: '', body: Buffer.alloc(0) });
      return { 'x-amz-version-id': version.versionId };
    });
  }

  /** PutObject/CopyObject If-Match and If-None-Match, against the current object. */
  async function preconditionsHold(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    key: string,
  ): Promise<boolean> {
    const ifMatch = header(req, 'if-match');
    const ifNoneMatch = header(req, 'if-none-match');
    if (ifMatch === undefined && ifNoneMatch === undefined) return true;
    const current = await currentEtag(bucket, key);
    if (ifNoneMatch !== undefined && current !== null) {
      preconditionFailed(res, 'If-None-Match');
      return false;
    }
    if (ifMatch !== undefined) {
      if (current === null) {
        s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
        return false;
      }
      if (ifMatch !== '*' && unquote(ifMatch) !== unquote(current)) {
        preconditionFailed(res, 'If-Match');
        return false;
      }
    }
    return true;
  }

  async function copy(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    key: string,
    id: string,
    copySource: string,
  ): Promise<void> {
    const [sourcePath = '', query = ''] = copySource.replace(/^\//, '').split('?');
    const [sourceBucket = '', ...sourceRest] = sourcePath.split('/');
    const sourceKey = sourceRest.map(decodeURIComponent).join('/');
    const sourceVersionId = new URLSearchParams(query).get('versionId');
    let source: Omit<Version, 'versionId' | 'lastModified' | 'deleteMarker'> | null;
    if (sourceVersionId !== null) {
      const version = findVersion(`${sourceBucket}/${sourceKey}`, sourceVersionId);
      if (!version)
        return s3Error(res, 404, 'NoSuchVersion', 'The specified version does not exist.');
      if (version.deleteMarker) {
        return s3Error(
          res,
          400,
          'InvalidRequest',
          'The source of a copy request may not specifically refer to a delete marker by version id.',
        );
      }
      source = version;
    } else {
      source = await currentObject(sourceBucket, sourceKey);
      if (!source) return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    const sourceIfMatch = header(req, 'x-amz-copy-source-if-match');
    if (sourceIfMatch !== undefined && unquote(sourceIfMatch) !== unquote(source.etag)) {
      return preconditionFailed(res, 'x-amz-copy-source-If-Match');
    }
    const replace = header(req, 'x-amz-metadata-directive') === 'REPLACE';
    const contentType = replace ? header(req, 'content-type') : source.contentType;
    const cacheControl = replace ? header(req, 'cache-control') : source.cacheControl;
    await inner.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: source.body,
        ContentType: contentType,
        CacheControl: cacheControl,
      }),
    );
    await currentObject(bucket, key); // its bytes all written (see currentObject)
    const version = record(id, { etag: source.etag, body: source.body, contentType, cacheControl });
    const headers: Record<string, string> = {
      'content-type': 'application/xml',
      'x-amz-version-id': version.versionId,
    };
    if (sourceVersionId !== null) headers['x-amz-copy-source-version-id'] = sourceVersionId;
    res.writeHead(200, headers);
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<CopyObjectResult xmlns="${XMLNS}"><LastModified>${version.lastModified.toISOString()}</LastModified><ETag>${xml(version.etag)}</ETag></CopyObjectResult>`,
    );
  }

  function readVersion(
    req: IncomingMessage,
    res: ServerResponse,
    id: string,
    versionId: string,
  ): void {
    const version = findVersion(id, versionId);
    const head = req.method === 'HEAD';
    if (!version) {
      if (head) return void res.writeHead(404, { 'x-amz-request-id': requestId() }).end();
      return s3Error(res, 404, 'NoSuchVersion', 'The specified version does not exist.', {
        VersionId: versionId,
      });
    }
    if (version.deleteMarker) {
      const headers = { 'x-amz-delete-marker': 'true', 'x-amz-version-id': versionId };
      if (head) return void res.writeHead(405, headers).end();
      return s3Error(
        res,
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
        {},
        headers,
      );
    }
    const headers: Record<string, string> = {
      etag: version.etag,
      'content-length': String(version.body.length),
      'last-modified': version.lastModified.toUTCString(),
      'x-amz-version-id': version.versionId,
    };
    if (version.contentType) headers['content-type'] = version.contentType;
    if (version.cacheControl) headers['cache-control'] = version.cacheControl;
    res.writeHead(200, headers);
    res.end(head ? undefined : version.body);
  }

  function listVersions(res: ServerResponse, bucket: string, prefix: string): void {
    const entries = [...versions.entries()]
      .filter(([id]) => id.startsWith(`${bucket}/${prefix}`))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([id, list]) => {
        const key = id.slice(bucket.length + 1);
        return [...list].reverse().map((v, i) => {
          const common = `<Key>${xml(key)}</Key><VersionId>${v.versionId}</VersionId><IsLatest>${i === 0}</IsLatest><LastModified>${v.lastModified.toISOString()}</LastModified>`;
          return v.deleteMarker
            ? `<DeleteMarker>${common}</DeleteMarker>`
            : `<Version>${common}<ETag>${xml(v.etag)}</ETag><Size>${v.body.length}</Size><StorageClass>STANDARD</StorageClass></Version>`;
        });
      });
    res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': requestId() });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<ListVersionsResult xmlns="${XMLNS}"><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${entries.join('')}</ListVersionsResult>`,
    );
  }

  /**
   * Sends the request on to s3rver as it came (Host kept: it is part of the signature) and
   * relays the answer; on a 2xx, `after` may add headers (recording a version first).
   */
  function forward(
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    after:
      | Record<string, string>
      | (() => Record<string, string> | Promise<Record<string, string>>) = {},
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const out = httpRequest(
        {
          host: '127.0.0.1',
          port: s3rverPort,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          readAll(answer)
            .then(async (data) => {
              const status = answer.statusCode ?? 502;
              const extra =
                status < 300 ? (typeof after === 'function' ? await after() : after) : {};
              // Relayed whole, so this hop's own framing goes; Content-Length stays (a HEAD's size).
              const {
                'transfer-encoding': _te,
                connection: _c,
                'keep-alive': _k,
                ...headers
              } = answer.headers;
              res.writeHead(status, { ...headers, ...extra });
              res.end(data);
            })
            .then(resolve, reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  /**
   * The object as s3rver stores it, once its bytes are all there. s3rver answers a PUT before
   * the object's file is written (its filesystem store ends the write stream without waiting
   * for it) while already reporting the new ETag, so a read right after could get the old
   * bytes under the new ETag — in a read-modify-write race, a lost update that S3 never
   * gives. Every write through this layer waits here before it answers.
   */
  async function currentObject(bucket: string, key: string) {
    for (let attempt = 1; ; attempt++) {
      let object;
      try {
        const out = await inner.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        object = {
          etag: out.ETag ?? '',
          body: Buffer.from((await out.Body?.transformToByteArray()) ?? new Uint8Array()),
          contentType: out.ContentType,
          cacheControl: out.CacheControl,
        };
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      const settled = unquote(object.etag) === createHash('md5').update(object.body).digest('hex');
      if (settled || attempt === 200) return object;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async function currentEtag(bucket: string, key: string): Promise<string | null> {
    try {
      return (await inner.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ETag ?? '';
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  function record(
    id: string,
    data: Omit<Version, 'versionId' | 'lastModified' | 'deleteMarker'> & { deleteMarker?: boolean },
  ): Version {
    const version: Version = {
      deleteMarker: false,
      ...data,
      versionId: randomBytes(16).toString('base64url'),
      lastModified: stamp(),
    };
    versions.set(id, [...(versions.get(id) ?? []), version]);
    return version;
  }

  const latest = (id: string) => versions.get(id)?.at(-1);
  const findVersion = (id: string, versionId: string) =>
    versions.get(id)?.find((v) => v.versionId === versionId);

  async function withLock(id: string, run: () => Promise<void>): Promise<void> {
    while (locks.has(id)) await locks.get(id);
    const done = run();
    const held = done.then(
      () => undefined,
      () => undefined,
    );
    locks.set(id, held);
    try {
      await done;
    } finally {
      // A waiter may already hold the key again: only our own lock is ours to release.
      if (locks.get(id) === held) locks.delete(id);
    }
  }

  function s3Error(
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): void {
    answered.set(code, (answered.get(code) ?? 0) + 1);
    const id = requestId();
    const extra = Object.entries(fields)
      .map(([k, v]) => `<${k}>${xml(v)}</${k}>`)
      .join('');
    res.writeHead(status, {
      'content-type': 'application/xml',
      'x-amz-request-id': id,
      ...headers,
    });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xml(message)}</Message>${extra}<RequestId>${id}</RequestId><HostId>${randomBytes(24).toString('base64')}</HostId></Error>`,
    );
  }

  function preconditionFailed(res: ServerResponse, condition: string): void {
    s3Error(
      res,
      412,
      'PreconditionFailed',
      'At least one of the pre-conditions you specified did not hold',
      {
        Condition: condition,
      },
    );
  }

  const { origin: endpoint } = await listenOnLoopback(server, 0);
  return {
    endpoint,
    client() {
      const client = createS3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials,
      });
      clients.push(client);
      return client;
    },
    holdWrites(ms) {
      holdMs = ms;
    },
    answered,
    async close() {
      for (const client of clients) client.destroy();
      inner.destroy();
      await closeServer(server);
      await s3rver.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function unquote(etag: string): string {
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

function isMissing(err: unknown): boolean {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata
    ?.httpStatusCode;
  return status === 404;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
