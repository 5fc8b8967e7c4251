import type {
  ListObjectsV2Command,
  ListObjectsV2CommandInput,
  ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import type { DeserializeMiddleware } from '@smithy/types';

/** One object of a listing, as S3Store.list needs it. */
export interface ListedObject {
  key: string;
  /** As S3 spells it, quotes included: `"9b2cf535f27731c974343645a3985328"`. */
  etag: string;
  size: number;
}

export interface ListingPage {
  objects: ListedObject[];
  truncated: boolean;
  nextToken: string | undefined;
}

/** What the SDK's deserializer is left to read once the page was read here: nothing. */
const EMPTY_LISTING = new TextEncoder().encode('<ListBucketResult></ListBucketResult>');

/**
 * Makes `command` read its own answer: the page is taken from the raw XML of a 200 answer, and
 * the SDK's deserializer is handed an empty listing instead. The SDK's reading of a 300-object
 * page costs a fresh `qdn` process ~50-70 ms (it compiles and warms its schema-driven
 * deserializer for one call; bench/profile-promote.ts), and a promote lists staging and prod.
 * Returns the page once the command has been sent, or null when it was not read here (an
 * error answer, a 200 that carries an S3 error, XML it does not recognise, a client whose
 * `send` is mocked): then the SDK read the answer and its output stands.
 */
export function readListingItself(command: ListObjectsV2Command): () => ListingPage | null {
  let page: ListingPage | null = null;
  const readAnswer: DeserializeMiddleware<ListObjectsV2CommandInput, ListObjectsV2CommandOutput> =
    (next) => async (args) => {
      page = null; // a retried attempt reads its own answer
      const result = await next(args);
      const response = result.response as { statusCode?: unknown; body?: unknown };
      if (response.statusCode !== 200) return result;
      const bytes = await bodyBytes(response.body);
      if (!bytes) return result;
      page = parseListing(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString());
      response.body = page ? EMPTY_LISTING : bytes;
      return result;
    };
  command.middlewareStack.addRelativeTo(readAnswer, {
    // Inside the deserializer, next to S3's check for errors sent with a 200 (which may run
    // before or after this one: it turns such an answer into a 503, which is left alone here).
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
    name: 'qdnReadListing',
  });
  return () => page;
}

async function bodyBytes(body: unknown): Promise<Uint8Array | null> {
  if (body instanceof Uint8Array) return body;
  if (!body || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * A ListObjectsV2 answer (ListBucketResult), or null when it is not one this reads with
 * certainty. In S3's XML a `<` only ever opens a tag (text escapes it), so a tag found
 * anywhere is a tag, never part of a key. Every `<Contents>` must give a key, an ETag and a
 * size, and their number must match KeyCount (when there is one); else null.
 */
export function parseListing(xml: string): ListingPage | null {
  const body = xml.trimEnd();
  if (!body.endsWith('</ListBucketResult>') || body.includes('<CommonPrefixes>')) return null;
  const objects: ListedObject[] = [];
  const blocks = body.split('<Contents>');
  for (const block of blocks.slice(1)) {
    const end = block.indexOf('</Contents>');
    if (end === -1) return null;
    const fields = block.slice(0, end);
    const key = text(fields, 'Key');
    const etag = text(fields, 'ETag');
    const size = text(fields, 'Size');
    if (key === null || etag === null || size === null || !/^\d+$/.test(size)) return null;
    objects.push({ key, etag, size: Number(size) });
  }
  const keyCount = text(body, 'KeyCount');
  if (keyCount !== null && Number(keyCount) !== objects.length) return null;
  const truncated = text(body, 'IsTruncated');
  if (truncated !== 'true' && truncated !== 'false' && truncated !== null) return null;
  const nextToken = text(body, 'NextContinuationToken') ?? undefined;
  if (truncated === 'true' && nextToken === undefined) return null;
  return { objects, truncated: truncated === 'true', nextToken };
}

/** The text of the first `<name>…</name>` in `xml`, entities decoded; null when absent. */
function text(xml: string, name: string): string | null {
  const open = `<${name}>`;
  const start = xml.indexOf(open);
  if (start === -1) return xml.includes(`<${name}/>`) ? '' : null;
  const end = xml.indexOf(`</${name}>`, start + open.length);
  if (end === -1) return null;
  const raw = xml.slice(start + open.length, end);
  // A CR is what an XML parser rewrites (to LF): leave such text to the SDK's parser.
  return raw.includes('<') || raw.includes('\r') ? null : decodeEntities(raw);
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five named entities and character references; null for anything else. */
function decodeEntities(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  let unknown = false;
  const decoded = raw.replace(/&([^;&]*);?/g, (whole, name: string) => {
    const code = /^#x([0-9a-fA-F]{1,6})$/.exec(name)?.[1] ?? /^#([0-9]{1,7})$/.exec(name)?.[1];
    const point = code === undefined ? NaN : parseInt(code, name.startsWith('#x') ? 16 : 10);
    if (whole.endsWith(';') && point >= 0 && point <= 0x10ffff) return String.fromCodePoint(point);
    const named = whole.endsWith(';') && Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
    if (named === undefined) unknown = true;
    return named ?? whole;
  });
  return unknown ? null : decoded;
}
