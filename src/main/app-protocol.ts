import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { contentTypeFor } from '../core/storage/content-types';
import { errorMessage } from '../shared/errors';
import { describeUrl } from './security';

/**
 * The console's own pages come from `app://console/…`, not `file://` (Electron's security
 * checklist, item 18): a file:// page may read any other file:// URL, an app:// page only
 * what this handler serves — the built renderer folder.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready (Electron requires it): `standard` gives the pages a real
 * origin and relative URLs, `secure` makes it a secure context like https. Nothing more: no
 * CORS bypass, no service workers.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * The file an app:// URL names inside the renderer folder, or null for anything else: another
 * host, a path that climbs out of the folder (`..`, `%2e%2e`, `%5c`), a NUL byte, bad escapes.
 */
export function appFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  let rel: string;
  try {
    url = new URL(requestUrl);
    rel = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // A backslash is a separator on Windows: refused everywhere, so every platform answers alike.
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || /[\0\\]/.test(rel)) {
    return null;
  }
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
  return file.startsWith(root + path.sep) ? file : null;
}

export type ReadFile = (file: string) => Promise<Buffer>;

/**
 * The app:// handler: the renderer folder's files, read-only. A refused path and a missing
 * file are 404s (the refusal logged); any other read error is a 500 that is logged, never a
 * quiet 404.
 */
export function createAppHandler(
  rendererDir: string,
  log: (message: string) => void,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return text(405, 'Method not allowed');
    }
    const file = appFileFor(request.url, rendererDir);
    if (!file) {
      log(`Refused app:// request for ${describeUrl(request.url)}: outside the console's files.`);
      return text(404, 'Not found');
    }
    let body: Buffer;
    try {
      body = await read(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        return text(404, 'Not found');
      }
      log(`Could not read ${file} for ${describeUrl(request.url)}: ${errorMessage(err)}`);
      return text(500, 'The console could not read its own files.');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { 'content-type': contentTypeFor(file), 'x-content-type-options': 'nosniff' },
    });
  };
}

/** Serves the renderer folder on app:// (after `ready`, on the session the window uses). */
export function serveAppProtocol(
  protocol: Pick<Protocol, 'handle'>,
  rendererDir: string,
  log: (message: string) => void,
): void {
  protocol.handle(APP_SCHEME, createAppHandler(rendererDir, log));
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
