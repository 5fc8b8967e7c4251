import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { coreArgs } from '../shared/api-args';
import type { CoreApi } from '../shared/api';
import { answerCall } from '../shared/call';
import { errorMessage } from '../shared/errors';
import { contentTypeFor } from '../core/storage/content-types';
import {
  BodyTooLargeError,
  closeServer,
  listenOnLoopback,
  readBody,
} from '../core/http/loopback-server';
import { createEventStreams } from './event-stream';
import type { EventStreams, SubscribeEvents } from './event-stream';

export interface HarnessOptions {
  api: CoreApi;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** Core's events (the console session's `subscribe`), streamed to the page for `onEvent`. */
  subscribe?: SubscribeEvents;
}

export interface Harness {
  /** Open this once: it carries the per-run key, which becomes an HttpOnly cookie. */
  url: string;
  origin: string;
  stop(): Promise<void>;
}

const CALL_PREFIX = '/__harness/call/';
const BRIDGE_PATH = '/__harness/bridge.js';
/** Where the page's EventSource listens (the browser bridge names the same path). */
export const EVENTS_PATH = '/__harness/events';

/**
 * Serves the built console on 127.0.0.1 with `window.qdn` bridged over HTTP to the core.
 * Only a browser that opened the keyed URL gets in; other local pages cannot read or call it
 * (Host is checked, the key is an HttpOnly SameSite=Strict cookie, calls need JSON bodies).
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const key = randomBytes(24).toString('base64url');
  const bridge = await bundleBridge();
  let origin = '';
  // Cookies are shared across ports on one host: a name per port keeps two harnesses apart.
  let cookieName = '';
  let allowedHosts: string[] = [];
  let events: EventStreams | null = null;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Harness error: ${errorMessage(err)}`);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A DNS-rebinding page would arrive with its own Host: refuse it.
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Wrong host');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.searchParams.get('key') !== null) {
      if (!sameSecret(url.searchParams.get('key') ?? '', key)) return deny(res);
      res.writeHead(303, {
        'set-cookie': `${cookieName}=${key}; HttpOnly; SameSite=Strict; Path=/`,
        location: '/',
      });
      res.end();
      return;
    }
    if (!sameSecret(readCookie(req, cookieName), key)) return deny(res);
    if (url.pathname.startsWith(CALL_PREFIX))
      return handleCall(req, res, url.pathname.slice(CALL_PREFIX.length));
    if (url.pathname === EVENTS_PATH) {
      if (req.method !== 'GET') return void res.writeHead(405).end();
      return events?.open(res);
    }
    if (url.pathname === BRIDGE_PATH) {
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(bridge);
      return;
    }
    await serveStatic(res, url.pathname);
  }

  async function handleCall(req: IncomingMessage, res: ServerResponse, method: string) {
    const callerOrigin = req.headers.origin;
    const sameOrigin =
      callerOrigin === undefined || allowedHosts.some((h) => callerOrigin === `http://${h}`);
    if (
      req.method !== 'POST' ||
      !req.headers['content-type']?.startsWith('application/json') ||
      !sameOrigin
    ) {
      res
        .writeHead(400, { 'content-type': 'text/plain' })
        .end('Calls are JSON POSTs from the console');
      return;
    }
    let args: unknown;
    try {
      args = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8'));
    } catch (err) {
      // Not JSON, or too much of it: answerCall reports that input as a bad request. Anything
      // else (the connection broke) is the harness's own failure, answered 500 with its cause.
      if (!(err instanceof SyntaxError || err instanceof BodyTooLargeError)) throw err;
      args = undefined;
    }
    const result = await answerCall(options.api, coreArgs, method, args);
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  async function serveStatic(res: ServerResponse, pathname: string) {
    const rel = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    const file = path.resolve(options.rendererDir, rel);
    if (!file.startsWith(path.resolve(options.rendererDir) + path.sep)) return notFound(res);
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch (err) {
      // Only a file that is not there (or a folder's name) is a 404; an unreadable file, a
      // symlink loop or a failing disk is the harness's fault and says so: 500 with the cause.
      if (isMissing(err)) return notFound(res);
      throw new Error(`could not read ${rel}: ${errorMessage(err)}`, { cause: err });
    }
    if (rel === 'index.html') {
      // The bridge must define window.qdn before the renderer's module script runs.
      body = Buffer.from(
        body
          .toString('utf8')
          .replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`),
      );
    }
    res.writeHead(200, { 'content-type': contentTypeFor(rel), 'cache-control': 'no-store' });
    res.end(body);
  }

  const bound = await listenOnLoopback(server, options.port ?? 0);
  // Only once listening: a harness that could not start must not stay subscribed to core.
  events = createEventStreams(options.subscribe);
  const port = bound.port;
  origin = bound.origin;
  cookieName = `qdn_harness_${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return {
    url: `${origin}/?key=${key}`,
    origin,
    stop: () => {
      events?.close();
      return closeServer(server);
    },
  };
}

async function bundleBridge(): Promise<string> {
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'browser', 'bridge.ts');
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    minify: true,
  });
  return out.outputFiles[0]!.text;
}

function readCookie(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function deny(res: ServerResponse) {
  res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('Open the console with the link printed by npm start (it carries a one-time key).');
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

function notFound(res: ServerResponse) {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
}
