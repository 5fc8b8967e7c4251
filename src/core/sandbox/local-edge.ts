import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EDGE_ADMIN_PATHS } from './local-edge-notify';
import { closeServer, listenOnLoopback, readBody } from '../http/loopback-server';
import { isValidKey } from '../storage/object-store';
import { acceptUpload } from './local-uploads';
import type { LocalUploads } from './local-uploads';
import type { ObjectStore } from '../storage/object-store';
import { EdgeCache, edgeTtlSeconds } from './edge-cache';
import { compressResponse, isCompressible, viewerEncoding } from './edge-compression';
import { EdgeFunctionError, isEdgeResponse, loadViewerRequestFunction } from './edge-function';
import type { ViewerRequestHandler } from './edge-function';
import { viewerRequestEvent, writeEdgeResponse } from './edge-viewer';
import { errorMessage } from '../../shared/errors';

export interface LocalEdgeOptions {
  /** The prod site "bucket" this edge serves. */
  origin: ObjectStore;
  /**
   * Where the edge gets its viewer-request function, at start and on every reload: the code
   * of the LIVE stage the distribution associates, or null for none (requests pass through
   * unrewritten, as on a distribution without the function).
   */
  loadFunction?: () => Promise<string | null>;
  /** A fixed function instead (tests); null or absent with no `loadFunction`: none. */
  functionCode?: string | null;
  port?: number;
  /** Secret that lets other local processes (the CLI) invalidate this edge's cache. */
  adminKey?: string;
  /**
   * The data bucket's browser upload endpoint, as S3 answers it: `POST /<bucket>` with a
   * presigned POST policy (see src/core/aws/presigned-post-check.ts). Absent: no uploads.
   */
  uploads?: LocalUploads;
  /**
   * Pages the sandbox adds beside the site (the phone's /__phone/), tried before it: true when
   * the route answered the request. CloudFront has none: they exist only on this edge.
   */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  now?: () => number;
}

export interface LocalEdge {
  url: string;
  adminKey: string;
  /** Clears matching cached paths; returns how many entries went. */
  invalidate(paths: readonly string[]): number;
  /** Loads the function again (`loadFunction`); the cache stays, as on CloudFront. */
  reload(): Promise<void>;
  stop(): Promise<void>;
}

export const ADMIN_PATH = EDGE_ADMIN_PATHS.invalidations;
export const RELOAD_PATH = EDGE_ADMIN_PATHS.reload;

/** No function associated: the request goes to the origin as the viewer sent it. */
const PASS_THROUGH: ViewerRequestHandler = (event) => event.request;

/**
 * CloudFront in miniature, on 127.0.0.1: runs the viewer-request function the distribution
 * associates, serves the origin folder, and caches as CloudFront does — so a stale page after
 * a deploy is reproducible here, and so is the invalidation that fixes it.
 */
export async function startLocalEdge(options: LocalEdgeOptions): Promise<LocalEdge> {
  const cache = new EdgeCache(options.now);
  const adminKey = options.adminKey ?? randomUUID();
  const source = options.loadFunction ?? (() => Promise.resolve(options.functionCode ?? null));
  let handler = PASS_THROUGH;
  async function reload(): Promise<void> {
    const code = await source();
    try {
      handler = code === null ? PASS_THROUGH : loadViewerRequestFunction(code);
    } catch (err) {
      // A LIVE function that does not load fails every request, as CloudFront would (503).
      const failure = new EdgeFunctionError(errorMessage(err));
      handler = () => {
        throw failure;
      };
    }
  }
  await reload();

  const server = createServer((req, res) => {
    serve(req, res).catch((err: unknown) => {
      // As CloudFront: a failing function is a 503 that names its error (the dispatcher's own
      // code), a failing origin a bare 502 — the origin's error names paths on this machine.
      const failed = err instanceof EdgeFunctionError;
      if (!res.headersSent) {
        res.writeHead(failed ? 503 : 502, { 'content-type': 'text/plain; charset=utf-8' });
      }
      res.end(
        failed
          ? `Service unavailable: ${errorMessage(err)}`
          : 'Bad gateway: the site could not be read.',
      );
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    if (url.pathname === ADMIN_PATH || url.pathname === RELOAD_PATH) return admin(req, res, url);
    const uploads = options.uploads;
    if (
      uploads &&
      req.method === 'POST' &&
      url.pathname.replace(/\/$/, '') === `/${uploads.bucket}`
    ) {
      return acceptUpload(req, res, uploads, options.now);
    }
    if (options.routes && (await options.routes(req, res))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    const result = await handler(viewerRequestEvent(req, url));
    if (isEdgeResponse(result)) {
      writeEdgeResponse(res, result, req.method === 'HEAD');
      return;
    }
    const key = result.uri;
    const encoding = viewerEncoding(req.headers['accept-encoding'], req.httpVersion);
    let hit = cache.get(key, encoding ?? 'identity');
    let cacheState = 'Hit from cloudfront';
    if (!hit) {
      cacheState = 'Miss from cloudfront';
      // As CloudFront: a copy in another encoding is no hit; the origin is asked again.
      const fetched = await fetchOrigin(options.origin, key);
      const served =
        encoding && isCompressible(fetched) ? await compressResponse(fetched, encoding) : fetched;
      cache.set(key, served, encoding ?? 'identity');
      hit = { ...served, storedAt: Date.now(), ageSeconds: 0 };
    }
    const headers: Record<string, string> = { ...hit.headers, 'x-cache': cacheState };
    if (cacheState.startsWith('Hit')) headers.age = String(hit.ageSeconds);
    if (hit.status === 200 && headers.etag && req.headers['if-none-match'] === headers.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(hit.status, { ...headers, 'content-length': String(hit.body.length) });
    res.end(req.method === 'HEAD' ? undefined : hit.body);
  }

  /** Invalidations and reloads from other local processes (LocalEdgeCdn), with the admin key. */
  async function admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const given = Buffer.from(String(req.headers['x-qdn-admin-key'] ?? ''));
    const expected = Buffer.from(adminKey);
    if (
      req.method !== 'POST' ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    ) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Forbidden');
      return;
    }
    const body = JSON.parse((await readBody(req, 256 * 1024)).toString('utf8') || '{}') as {
      paths?: unknown;
    };
    if (url.pathname === RELOAD_PATH) {
      await reload();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"reloaded":true}');
      return;
    }
    const paths = Array.isArray(body.paths)
      ? body.paths.filter((p): p is string => typeof p === 'string')
      : [];
    const cleared = cache.invalidate(paths);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ cleared }));
  }

  const { origin: url } = await listenOnLoopback(server, options.port ?? 0);
  return {
    url,
    adminKey,
    invalidate: (paths) => cache.invalidate(paths),
    reload,
    stop: () => closeServer(server),
  };
}

/**
 * The request's path and query as the viewer sent them. An origin-form target is joined to the
 * base, not resolved against it: resolved, `//book/` is a scheme-relative URL whose host is
 * "book" and whose path is `/`, while CloudFront hands the function `//book/` as sent.
 */
export function requestUrl(target: string | undefined): URL {
  const base = 'http://edge.invalid';
  return target?.startsWith('/') ? new URL(base + target) : new URL(target ?? '/', base);
}

/** The object key a request path names, or null where S3 could hold no such key. */
function originKey(uri: string): string | null {
  let key: string;
  try {
    key = decodeURIComponent(uri.replace(/^\/+/, ''));
  } catch {
    return null; // malformed percent-encoding
  }
  return isValidKey(key) ? key : null;
}

/**
 * The distribution's custom error response (README, AWS setup): the origin's 403 or 404 is
 * answered with this page and status 404, so a mistyped path meets the business's name and
 * phone, not S3's bare "Access denied".
 */
export const CUSTOM_ERROR_PAGE = { key: '404.html', status: 404 } as const;

async function fetchOrigin(origin: ObjectStore, uri: string) {
  const key = originKey(uri);
  // Only a key that cannot exist is "not found"; an origin that fails is a 502, never cached.
  const object = key ? await origin.get(key) : null;
  if (!object) {
    const page = await origin.get(CUSTOM_ERROR_PAGE.key);
    if (page) {
      return {
        status: CUSTOM_ERROR_PAGE.status,
        headers: { 'content-type': page.contentType ?? 'text/html; charset=utf-8' },
        body: page.body,
        ttlSeconds: edgeTtlSeconds(CUSTOM_ERROR_PAGE.status, undefined),
      };
    }
    // A private S3 origin answers 403 for a missing key; CloudFront passes that through.
    return {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.from('Access denied'),
      ttlSeconds: edgeTtlSeconds(403, undefined),
    };
  }
  const headers: Record<string, string> = {
    'content-type': object.contentType ?? 'application/octet-stream',
    etag: object.etag,
  };
  if (object.cacheControl) headers['cache-control'] = object.cacheControl;
  return {
    status: 200,
    headers,
    body: object.body,
    ttlSeconds: edgeTtlSeconds(200, object.cacheControl),
  };
}
