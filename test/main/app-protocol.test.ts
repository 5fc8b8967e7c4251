import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_RENDERER_URL,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  createAppHandler,
  serveAppProtocol,
} from '../../src/main/app-protocol';
import { isTrustedSenderUrl } from '../../src/main/trusted-sender';

// The renderer is served on app://console/ (Electron's Protocol.handle takes a fetch-style
// handler: Request in, Response out), so the handler is tested with real Requests against a
// real folder; `protocol` itself is a recording fake.

let dir: string;
let rendererDir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-app-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  await writeFile(path.join(dir, 'secret.json'), '{"aws":"keys"}');
  await symlink('loop.js', path.join(rendererDir, 'loop.js'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the app:// scheme', () => {
  it('is registered as a standard, secure scheme and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_RENDERER_URL).toBe('app://console/index.html');
  });

  it('maps console URLs to files inside the renderer folder', () => {
    expect(appFileFor('app://console/index.html', rendererDir)).toBe(
      path.join(rendererDir, 'index.html'),
    );
    expect(appFileFor('app://console/', rendererDir)).toBe(path.join(rendererDir, 'index.html'));
    expect(appFileFor('app://console/assets/app.js?v=1#x', rendererDir)).toBe(
      path.join(rendererDir, 'assets', 'app.js'),
    );
  });

  it.each([
    ['a climb out of the folder', 'app://console/..%2Fsecret.json'],
    ['a backslash climb', 'app://console/..%5csecret.json'],
    ['a NUL byte', 'app://console/index.html%00.js'],
    ['a bad escape', 'app://console/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_label, url) => {
    expect(appFileFor(url, rendererDir)).toBeNull();
  });

  it.each([
    'app://console/%2e%2e/%2e%2e/secret.json',
    'app://console/../secret.json',
    'app://console/assets/../../secret.json',
    'app://console/%2e',
  ])('keeps %s inside the renderer folder (the URL parser drops dot segments)', (url) => {
    const file = appFileFor(url, rendererDir);
    expect(file === null || file.startsWith(rendererDir + path.sep)).toBe(true);
  });
});

describe('the app:// handler', () => {
  const log = vi.fn<(message: string) => void>();
  const handler = () => createAppHandler(rendererDir, log);

  it('serves the console’s files with their content type', async () => {
    const page = await handler()(new Request('app://console/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<title>console</title>');
    const script = await handler()(new Request('app://console/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a path-traversal with a 404 and logs it', async () => {
    log.mockClear();
    const res = await handler()(new Request('app://console/..%2Fsecret.json'));
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('keys');
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^Refused app:\/\/ request for /));
  });

  it('answers 404 for a missing file, quietly', async () => {
    log.mockClear();
    expect((await handler()(new Request('app://console/nope.js'))).status).toBe(404);
    expect(log).not.toHaveBeenCalled();
  });

  it('answers 500 and logs the cause when a file cannot be read (never a quiet 404)', async () => {
    log.mockClear();
    const res = await handler()(new Request('app://console/loop.js'));
    expect(res.status).toBe(500);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/loop\.js.*ELOOP/));
  });

  it('refuses anything but GET and HEAD', async () => {
    const res = await handler()(new Request('app://console/index.html', { method: 'POST' }));
    expect(res.status).toBe(405);
  });

  it('is what serveAppProtocol hands Electron for the app scheme', async () => {
    const handle = vi.fn();
    serveAppProtocol({ handle }, rendererDir, log);
    expect(handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const served = handle.mock.calls[0]![1] as (r: Request) => Promise<Response>;
    expect((await served(new Request('app://console/index.html'))).status).toBe(200);
  });
});

describe('trusted senders on app://', () => {
  it('trusts only the console document itself, with any hash route', () => {
    expect(isTrustedSenderUrl(APP_RENDERER_URL, APP_RENDERER_URL)).toBe(true);
    expect(isTrustedSenderUrl(`${APP_RENDERER_URL}#/board`, APP_RENDERER_URL)).toBe(true);
  });

  it.each([
    'app://console/other.html',
    'app://console/index.html?x=1',
    'app://evil/index.html',
    'file:///index.html',
    'https://console/index.html',
    'null',
  ])('refuses %s', (sender) => {
    expect(isTrustedSenderUrl(sender, APP_RENDERER_URL)).toBe(false);
  });
});
