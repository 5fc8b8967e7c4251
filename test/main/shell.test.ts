import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clipboard, IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import * as electron from 'electron';
import { forwardEvents, registerIpc } from '../../src/main/ipc';
import { isAllowedExternalUrl } from '../../src/main/navigation-policy';
import { hardenWebContents } from '../../src/main/security';
import { createShellApi } from '../../src/main/shell-api';
import { isTrustedSenderUrl } from '../../src/main/trusted-sender';
import type { BrowserWindowConstructorOptions } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createMainWindow } from '../../src/main/window';
import { appRoot } from '../../src/core/workspace/app-files';
import { channelOf, CORE_METHODS, eventChannelOf, SHELL_METHODS } from '../../src/shared/api';
import type { CallResult, CoreApi, QdnEvents, ShellApi } from '../../src/shared/api';
import type { DeployProgress } from '../../src/shared/deploy/deploy-api';
import { EventHub } from '../../src/core/events/event-hub';
import { QdnError } from '../../src/shared/errors';

// Mocks: the Electron runtime cannot be installed here (STACK.md, "Electron"), so `electron` is the
// stand-in from test/setup/mock-electron.ts, and the objects Electron would hand the shell
// (WebContents, ipcMain, IPC events, the clipboard) are small fakes that record what the shell
// registers. The code under test — policies, handlers, argument parsing — is the real thing.

const FILE_RENDERER = 'file:///opt/qdn/resources/app/out/renderer/index.html';
const APP_RENDERER = 'app://console/index.html';
const PUBLIC_ORIGINS = ['https://quickdumpnow.com', 'http://127.0.0.1:8787'];
const DEV_RENDERER = 'http://localhost:5173/';
const JOB_ID = 'fcdc1c82cb284dbe';

describe('createMainWindow', () => {
  it('locks the renderer down, loads only the preload, and opens the renderer URL', async () => {
    // BrowserWindow is the mocked one (test/setup/mock-electron.ts): it records its options.
    const win = (await createMainWindow(
      '/app/out/preload/index.cjs',
      FILE_RENDERER,
      '/app/resources/icon.png',
    )) as unknown as {
      options: BrowserWindowConstructorOptions;
      loadURL: ReturnType<typeof vi.fn>;
    };
    const web = win.options.webPreferences!;
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.disableBlinkFeatures).toBe('Auxclick');
    // No spellchecker, so no dictionary download from Google's CDN.
    expect(web.spellcheck).toBe(false);
    expect(win.loadURL).toHaveBeenCalledWith(FILE_RENDERER);
    expect(win.options.icon).toBe('/app/resources/icon.png');
  });

  it('has the icon main passes in, in the app folder', () => {
    expect(existsSync(path.join(appRoot(), 'resources', 'icon.png'))).toBe(true);
  });
});

describe('isTrustedSenderUrl', () => {
  it('accepts the app’s own file:// page (with or without a hash route)', () => {
    expect(isTrustedSenderUrl(FILE_RENDERER, FILE_RENDERER)).toBe(true);
    expect(isTrustedSenderUrl(`${FILE_RENDERER}#/board`, FILE_RENDERER)).toBe(true);
  });

  it('accepts pages of the dev server’s origin', () => {
    expect(isTrustedSenderUrl('http://localhost:5173/', DEV_RENDERER)).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5173/index.html#/jobs', DEV_RENDERER)).toBe(true);
  });

  it.each([
    ['another local file', 'file:///tmp/evil.html', FILE_RENDERER],
    [
      'a sibling file of the renderer',
      'file:///opt/qdn/resources/app/out/renderer/other.html',
      FILE_RENDERER,
    ],
    ['a web page when the renderer is a file', 'https://quickdumpnow.com/', FILE_RENDERER],
    ['another port', 'http://localhost:5174/', DEV_RENDERER],
    ['another host', 'http://127.0.0.1:5173/', DEV_RENDERER],
    ['another scheme', 'https://localhost:5173/', DEV_RENDERER],
    ['a remote origin', 'https://evil.example/', DEV_RENDERER],
    ['a file when the renderer is the dev server', 'file:///opt/qdn/index.html', DEV_RENDERER],
    ['garbage', 'not a url', FILE_RENDERER],
    ['empty', '', DEV_RENDERER],
    ['about:blank', 'about:blank', FILE_RENDERER],
  ])('refuses %s', (_label, sender, renderer) => {
    expect(isTrustedSenderUrl(sender, renderer)).toBe(false);
  });

  it('refuses everything when the renderer URL itself is garbage', () => {
    expect(isTrustedSenderUrl('not a url', 'not a url')).toBe(false);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://quickdumpnow.com/track/abc',
    'https://QUICKDUMPNOW.com:443/book',
    'sms:+15551234567?body=Your%20pickup',
    'tel:+15551234567',
    'mailto:mark@example.com',
    'http://127.0.0.1:8787/track/abc',
  ])('allows %s (the public site, the local edge, sms/tel/mailto)', (url) => {
    expect(isAllowedExternalUrl(url, PUBLIC_ORIGINS)).toBe(true);
  });

  it.each([
    ['any other https page', 'https://evil.example/'],
    ['a look-alike host', 'https://quickdumpnow.com.evil.example/'],
    ['credentials that disguise a host', 'https://quickdumpnow.com@evil.example/'],
    ['the public site with credentials', 'https://user@quickdumpnow.com/'],
    ['the public host over http', 'http://quickdumpnow.com/track/abc'],
    ['another loopback port', 'http://127.0.0.1:8788/track/abc'],
    ['localhost for 127.0.0.1', 'http://localhost:8787/'],
    ['a file', 'file:///etc/passwd'],
    ['javascript:', 'javascript:alert(1)'],
    ['ftp', 'ftp://quickdumpnow.com/'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['garbage', 'not a url'],
    ['empty', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url, PUBLIC_ORIGINS)).toBe(false);
  });

  it('opens no web page at all before the workspace has named its origins', () => {
    expect(isAllowedExternalUrl('https://quickdumpnow.com/track/abc', [])).toBe(false);
    expect(isAllowedExternalUrl('tel:+15551234567', [])).toBe(true);
  });
});

describe('hardenWebContents', () => {
  type Handler = (event: { preventDefault: () => void }, ...args: unknown[]) => void;
  let handlers: Map<string, Handler>;
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  let openExternal: ReturnType<typeof vi.fn<(url: string) => Promise<void>>>;
  let log: ReturnType<typeof vi.fn<(message: string) => void>>;

  beforeEach(() => {
    handlers = new Map();
    log = vi.fn();
    windowOpenHandler = undefined;
    const contents = {
      on: (name: string, handler: Handler) => {
        handlers.set(name, handler);
        return contents;
      },
      setWindowOpenHandler: (h: typeof windowOpenHandler) => {
        windowOpenHandler = h;
      },
    };
    openExternal = vi.fn(() => Promise.resolve());
    hardenWebContents(contents as unknown as WebContents, APP_RENDERER, openExternal, {
      externalOrigins: () => PUBLIC_ORIGINS,
      log,
    });
  });

  const fire = (name: string, ...args: unknown[]) => {
    const event = { preventDefault: vi.fn() };
    const handler = handlers.get(name);
    expect(handler, `a ${name} handler is registered`).toBeDefined();
    handler!(event, ...args);
    return event;
  };

  it('lets the renderer reload its own page', () => {
    expect(fire('will-navigate', APP_RENDERER).preventDefault).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('prevents navigation to an allowed external link and opens it in the system browser instead', () => {
    const event = fire('will-navigate', 'https://quickdumpnow.com/track/abc');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(openExternal).toHaveBeenCalledWith('https://quickdumpnow.com/track/abc');
  });

  it('prevents navigation to a disallowed URL without opening it anywhere', () => {
    expect(fire('will-navigate', 'file:///tmp/evil.html').preventDefault).toHaveBeenCalled();
    expect(fire('will-navigate', 'http://evil.example/').preventDefault).toHaveBeenCalled();
    expect(fire('will-navigate', 'https://evil.example/').preventDefault).toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('logs each refused navigation, redirect, window and webview, naming the URL', () => {
    fire('will-navigate', 'https://evil.example/phish');
    fire('will-redirect', 'https://evil.example/r');
    windowOpenHandler!({ url: 'javascript:alert(1)' });
    fire('will-attach-webview', {}, {});
    expect(log.mock.calls.map(([m]) => m)).toEqual([
      'Refused a navigation to "https://evil.example/phish": not an allowed external link.',
      'Refused a redirect to "https://evil.example/r".',
      'Refused a new window to "javascript:alert(1)": not an allowed external link.',
      'Refused to attach a webview.',
    ]);
  });

  it('logs a link the system could not open instead of leaving the rejection unhandled', async () => {
    openExternal.mockRejectedValueOnce(new Error('no handler for sms:'));
    windowOpenHandler!({ url: 'sms:+15551234567' });
    await vi.waitFor(() =>
      expect(log).toHaveBeenCalledWith('Could not open "sms:+15551234567": no handler for sms:'),
    );
  });

  it('prevents redirects away from the renderer', () => {
    expect(fire('will-redirect', 'https://evil.example/').preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, handing allowed links to the system', () => {
    expect(windowOpenHandler).toBeDefined();
    expect(windowOpenHandler!({ url: 'sms:+15551234567' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('sms:+15551234567');
    expect(windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('prevents attaching webviews', () => {
    expect(fire('will-attach-webview', {}, {}).preventDefault).toHaveBeenCalled();
  });
});

describe('registerIpc', () => {
  type IpcHandler = (
    event: IpcMainInvokeEvent,
    ...args: unknown[]
  ) => Promise<CallResult> | CallResult;
  let byChannel: Map<string, IpcHandler>;
  let core: { [K in keyof CoreApi]: ReturnType<typeof vi.fn> };
  let shell: { copyText: ReturnType<typeof vi.fn> };
  let ipcLog: ReturnType<typeof vi.fn<(message: string) => void>>;

  const sender = (url: string, parent: unknown = null) =>
    ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;
  const call = async (method: string, event: IpcMainInvokeEvent, ...args: unknown[]) => {
    const handler = byChannel.get(`qdn:${method}`);
    expect(handler, `qdn:${method} is registered`).toBeDefined();
    return handler!(event, ...args);
  };

  beforeEach(() => {
    byChannel = new Map();
    const ipcMain = {
      handle: (channel: string, handler: IpcHandler) => {
        byChannel.set(channel, handler);
      },
    };
    // Calls not under test here (deploy, inbox, …) each answer as a placeholder would.
    const others = Object.fromEntries(
      CORE_METHODS.map((m) => [m, vi.fn(() => Promise.reject(new QdnError('internal', 'x')))]),
    ) as { [K in keyof CoreApi]: ReturnType<typeof vi.fn> };
    core = {
      ...others,
      getWorkspace: vi.fn(() => Promise.resolve({ mode: 'sandbox' })),
      listJobs: vi.fn(() => Promise.resolve([{ job_id: JOB_ID }])),
      createJob: vi.fn(() => Promise.resolve({ job_id: JOB_ID })),
      setJobStatus: vi.fn((jobId: string, status: string) =>
        Promise.resolve({ job_id: jobId, status }),
      ),
      listJobsFileVersions: vi.fn(() => Promise.resolve([])),
      restoreJobsFileVersion: vi.fn(() => Promise.resolve({ jobs: [], warning: null })),
    };
    shell = { copyText: vi.fn(() => Promise.resolve()) };
    ipcLog = vi.fn();
    registerIpc(
      ipcMain as unknown as IpcMain,
      core as unknown as CoreApi,
      shell as unknown as ShellApi,
      APP_RENDERER,
      ipcLog,
    );
  });

  it('registers exactly one channel per contract method', () => {
    expect([...byChannel.keys()].sort()).toEqual(
      [...CORE_METHODS, ...SHELL_METHODS].map((m) => channelOf(m)).sort(),
    );
  });

  it('passes a trusted main-frame call to core with parsed args and returns its value', async () => {
    const result = await call('setJobStatus', sender(APP_RENDERER), JOB_ID, 'en_route');
    expect(result).toEqual({ ok: true, value: { job_id: JOB_ID, status: 'en_route' } });
    expect(core.setJobStatus).toHaveBeenCalledExactlyOnceWith(JOB_ID, 'en_route');
    expect(await call('listJobs', sender(`${APP_RENDERER}#/board`))).toEqual({
      ok: true,
      value: [{ job_id: JOB_ID }],
    });
  });

  it('passes shell calls to the shell API', async () => {
    expect(await call('copyText', sender(APP_RENDERER), 'https://x/track/abc')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(shell.copyText).toHaveBeenCalledWith('https://x/track/abc');
  });

  it.each([
    ['an untrusted page', sender('https://evil.example/')],
    ['another local file', sender('file:///tmp/evil.html')],
    ['another app:// document', sender('app://console/other.html')],
    ['another app:// host', sender('app://evil/index.html')],
    ['a subframe of the console', sender(APP_RENDERER, { url: APP_RENDERER })],
    ['a destroyed frame', { senderFrame: null } as unknown as IpcMainInvokeEvent],
  ])('refuses %s without calling core', async (_label, event) => {
    const result = await call('setJobStatus', event, JOB_ID, 'en_route');
    expect(result.ok).toBe(false);
    expect(core.setJobStatus).not.toHaveBeenCalled();
    expect(await call('copyText', event, 'secret')).toMatchObject({ ok: false });
    expect(shell.copyText).not.toHaveBeenCalled();
    expect(ipcLog).toHaveBeenCalledTimes(2);
    expect(ipcLog.mock.calls[0]![0]).toMatch(/^Refused IPC call setJobStatus from /);
  });

  it('logs where a refused call came from', async () => {
    await call('listJobs', sender('https://evil.example/x', { url: APP_RENDERER }));
    await call('listJobs', { senderFrame: null } as unknown as IpcMainInvokeEvent);
    expect(ipcLog.mock.calls.map(([m]) => m)).toEqual([
      'Refused IPC call listJobs from a subframe at "https://evil.example/x".',
      'Refused IPC call listJobs from a frame that is gone.',
    ]);
    expect(core.listJobs).not.toHaveBeenCalled();
  });

  it.each([
    ['a bad job id', ['FCDC1C82CB284DBE', 'en_route']],
    ['a path as job id', ['../../etc/passwd', 'en_route']],
    ['an unknown status', [JOB_ID, 'teleported']],
    ['a missing argument', [JOB_ID]],
    ['an extra argument', [JOB_ID, 'en_route', 'a reason', 'more']],
    ['a blank reason', [JOB_ID, 'en_route', '  ']],
  ])('answers bad_request to setJobStatus with %s, without calling core', async (_label, args) => {
    const result = await call('setJobStatus', sender(APP_RENDERER), ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(core.setJobStatus).not.toHaveBeenCalled();
  });

  it.each([
    ['a negative price', [JOB_ID, { price: -1, pickup_date: '2026-12-03T15:00:00Z' }]],
    ['no pickup time', [JOB_ID, { price: 240 }]],
    [
      'a window that ends first',
      [
        JOB_ID,
        {
          price: 240,
          pickup_date: '2026-12-03T15:00:00Z',
          pickup_window_end: '2026-12-03T14:00:00Z',
        },
      ],
    ],
    [
      'an extra field',
      [JOB_ID, { price: 240, pickup_date: '2026-12-03T15:00:00Z', status: 'scheduled' }],
    ],
  ])('answers bad_request to quoteJob with %s, without calling core', async (_label, args) => {
    const result = await call('quoteJob', sender(APP_RENDERER), ...args);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(core.quoteJob).not.toHaveBeenCalled();
  });

  it('answers bad_request to copyText with a non-string', async () => {
    expect(await call('copyText', sender(APP_RENDERER), { evil: true })).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    expect(shell.copyText).not.toHaveBeenCalled();
  });

  it('carries a core QdnError back as data with its code', async () => {
    core.setJobStatus.mockRejectedValueOnce(new QdnError('invalid_transition', 'Cannot go back.'));
    expect(await call('setJobStatus', sender(APP_RENDERER), JOB_ID, 'requested')).toEqual({
      ok: false,
      error: { code: 'invalid_transition', message: 'Cannot go back.' },
    });
  });
});

describe('forwardEvents', () => {
  // A fake WebContents (Electron is mocked here): it records what the shell sends the window.
  const progress: DeployProgress = {
    runId: 'r1',
    action: 'promote',
    step: 'copy',
    state: 'running',
    message: 'Copying 3 files',
    done: 1,
    total: 3,
  };
  const windowContents = (url = FILE_RENDERER) => {
    const contents = {
      send: vi.fn(),
      isDestroyed: vi.fn(() => false),
      getURL: vi.fn(() => url),
    };
    return contents;
  };

  it("sends each of core's events to the window on its own channel, payload only", () => {
    const hub = new EventHub();
    const contents = windowContents();
    forwardEvents((l) => hub.subscribe(l), contents as unknown as WebContents, FILE_RENDERER);
    hub.emit('deployProgress', progress);
    expect(contents.send).toHaveBeenCalledExactlyOnceWith(
      eventChannelOf('deployProgress'),
      progress,
    );
    expect(eventChannelOf('deployProgress')).not.toBe(channelOf('promote'));
  });

  it('stops when told to (the window closed)', () => {
    const hub = new EventHub();
    const contents = windowContents();
    const stop = forwardEvents(
      (l) => hub.subscribe(l),
      contents as unknown as WebContents,
      FILE_RENDERER,
    );
    stop();
    hub.emit('deployProgress', progress);
    expect(contents.send).not.toHaveBeenCalled();
  });

  it('sends nothing outside the contract, to a destroyed window, or to a page that is not the console', () => {
    const hub = new EventHub();
    const elsewhere = windowContents('https://evil.example/');
    const destroyed = windowContents();
    destroyed.isDestroyed.mockReturnValue(true);
    const own = windowContents();
    for (const contents of [elsewhere, destroyed, own]) {
      forwardEvents((l) => hub.subscribe(l), contents as unknown as WebContents, FILE_RENDERER);
    }
    // Core's sink is typed; a name outside the contract can only come from a bug, as here.
    hub.emit('secrets' as keyof QdnEvents, progress);
    hub.emit('deployProgress', progress);
    expect(elsewhere.send).not.toHaveBeenCalled();
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(own.send).toHaveBeenCalledExactlyOnceWith('qdn-event:deployProgress', progress);
  });
});

describe('createShellApi', () => {
  it('copies text through the given clipboard', async () => {
    const clipboard = { writeText: vi.fn() };
    await createShellApi(clipboard).copyText('Your pickup is on the way');
    expect(clipboard.writeText).toHaveBeenCalledExactlyOnceWith('Your pickup is on the way');
  });

  it('works with the (mocked) electron clipboard main passes in', async () => {
    const clipboard = electron.clipboard as unknown as {
      writeText: ReturnType<typeof vi.fn<Clipboard['writeText']>>;
    };
    await createShellApi(clipboard).copyText('hello');
    expect(clipboard.writeText).toHaveBeenCalledWith('hello');
  });
});

describe('preload', () => {
  // A fresh electron stand-in per test with the two preload-side objects, so the preload module
  // can be imported anew and what it exposes can be inspected.
  let exposeInMainWorld: ReturnType<typeof vi.fn>;
  let invoke: ReturnType<typeof vi.fn>;
  let on: ReturnType<typeof vi.fn>;
  let removeListener: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    exposeInMainWorld = vi.fn();
    invoke = vi.fn();
    on = vi.fn();
    removeListener = vi.fn();
    vi.resetModules();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld },
      ipcRenderer: { invoke, on, removeListener },
    }));
    await import('../../src/preload/index');
  });
  afterEach(() => {
    vi.doUnmock('electron');
    vi.resetModules();
  });

  const exposed = () =>
    exposeInMainWorld.mock.calls[0]![1] as Record<string, (...a: unknown[]) => Promise<unknown>>;

  it('exposes exactly one object, "qdn", with exactly the contract methods and onEvent', () => {
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(exposeInMainWorld.mock.calls[0]![0]).toBe('qdn');
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual([...CORE_METHODS, ...SHELL_METHODS, 'onEvent'].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
  });

  it('forwards a call to qdn:<method> with its arguments and returns its outcome as data', async () => {
    const outcome = { ok: true, value: { job_id: JOB_ID, status: 'en_route' } };
    invoke.mockResolvedValueOnce(outcome);
    await expect(exposed().setJobStatus!(JOB_ID, 'en_route')).resolves.toEqual(outcome);
    expect(invoke).toHaveBeenCalledExactlyOnceWith('qdn:setJobStatus', JOB_ID, 'en_route');
  });

  it('passes a failure through as data, so its code survives the contextBridge', async () => {
    // The real contextBridge copies only the message of a thrown Error (electron/electron#28346);
    // a plain { ok: false } object is copied whole.
    const outcome = {
      ok: false,
      error: { code: 'not_found', message: 'No job fcdc1c82cb284dbe.' },
    };
    invoke.mockResolvedValueOnce(outcome);
    await expect(exposed().listJobs!()).resolves.toEqual(outcome);
    expect(invoke).toHaveBeenCalledWith('qdn:listJobs');
  });

  type OnEvent = (name: string, listener: (payload: unknown) => void) => () => void;
  const onEvent = () => exposed().onEvent as unknown as OnEvent;

  it("hands onEvent's listener the payload only, never the IpcRendererEvent", () => {
    const listener = vi.fn();
    onEvent()('deployProgress', listener);
    expect(on).toHaveBeenCalledExactlyOnceWith('qdn-event:deployProgress', expect.any(Function));
    const forward = on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: 'ipcRenderer itself' }, { step: 'copy' });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ step: 'copy' });
  });

  it('removes exactly its listener when unsubscribed', () => {
    const unsubscribe = onEvent()('deployProgress', vi.fn());
    const forward = on.mock.calls[0]![1] as unknown;
    unsubscribe();
    expect(removeListener).toHaveBeenCalledExactlyOnceWith('qdn-event:deployProgress', forward);
  });

  it.each(['qdn:promote', 'anything', '__proto__'])(
    'refuses to listen on %s, which is not a contract event',
    (name) => {
      expect(() => onEvent()(name, vi.fn())).toThrow(/Unknown event/);
      expect(on).not.toHaveBeenCalled();
    },
  );
});
