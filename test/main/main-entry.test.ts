import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { closeThenQuit, externalOriginsOf } from '../../src/main/lifecycle';
import { fakeUtilityProcess } from '../support/fake-utility-process';

// src/main/index.ts wires the shell together at import. Here it is imported against a fuller
// electron stand-in than test/setup's (app events, protocol, session) and a fake console
// session, so the wiring itself — scheme before ready, app:// served, origins, quitting — is
// what is checked.

type Listener = (...args: unknown[]) => void;

function fakeElectron() {
  const appEvents = new Map<string, Listener>();
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const calls: string[] = [];
  const electron = {
    app: {
      isPackaged: true,
      getPath: vi.fn(() => '/tmp/qdn-user-data'),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => whenReady),
      on: vi.fn((name: string, listener: Listener) => appEvents.set(name, listener)),
      quit: vi.fn(() => calls.push('quit')),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(() => calls.push('protocol.handle')),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    BrowserWindow: vi.fn(function BrowserWindow(this: Record<string, unknown>, options: unknown) {
      this.options = options;
      this.once = vi.fn();
      this.loadURL = vi.fn(async (url: string) => void calls.push(`loadURL ${url}`));
      this.webContents = { isDestroyed: () => false, getURL: () => '', send: vi.fn() };
    }),
    clipboard: { writeText: vi.fn() },
    // No keychain in these tests: whatever main seals with it finds encryption unavailable.
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => false),
      encryptString: vi.fn(() => {
        throw new Error('no keychain in tests');
      }),
      decryptString: vi.fn(() => {
        throw new Error('no keychain in tests');
      }),
    },
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
    // The core's process, run here: the mocked console session below is what it starts.
    ...fakeUtilityProcess(),
  };
  return { electron, appEvents, ready: () => ready(), calls };
}

describe('the main process entry', () => {
  let fake: ReturnType<typeof fakeElectron>;
  let close: ReturnType<typeof vi.fn<() => Promise<void>>>;
  let warn: MockInstance<typeof console.warn>;

  beforeEach(async () => {
    fake = fakeElectron();
    close = vi.fn(() => Promise.resolve());
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.resetModules();
    vi.doMock('electron', () => fake.electron);
    vi.doMock('../../src/core/console/console-session', () => ({
      startConsoleSession: vi.fn(async () => ({
        api: {},
        subscribe: () => () => undefined,
        edge: { url: 'http://127.0.0.1:8787' },
        workspace: { publicBaseUrl: async () => 'http://127.0.0.1:8787' },
        close,
      })),
    }));
    await import('../../src/main/index');
  });
  afterEach(() => {
    vi.doUnmock('electron');
    vi.doUnmock('../../src/core/console/console-session');
    vi.resetModules();
    warn.mockRestore();
  });

  const started = async () => {
    fake.ready();
    await vi.waitFor(() => expect(fake.calls).toContain('loadURL app://console/index.html'));
  };

  it('registers app:// as privileged before ready, serves it, then loads the console from it', async () => {
    expect(fake.calls).toEqual(['registerSchemesAsPrivileged']);
    await started();
    expect(fake.calls).toEqual([
      'registerSchemesAsPrivileged',
      'protocol.handle',
      'loadURL app://console/index.html',
    ]);
    expect(fake.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it("runs the console session in a utilityProcess forked from core-host.js beside main's bundle", async () => {
    await started();
    expect(fake.electron.forked.map((f) => f.entry)).toEqual([
      expect.stringMatching(/[/\\]core-host\.js$/),
    ]);
  });

  it('opens the public site externally once started, and logs a refused navigation', async () => {
    await started();
    const handlers = new Map<string, Listener>();
    const contents = {
      on: (name: string, h: Listener) => handlers.set(name, h),
      setWindowOpenHandler: vi.fn(),
    };
    fake.appEvents.get('web-contents-created')!({}, contents);
    const event = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(event, 'http://127.0.0.1:8787/track/abc');
    expect(fake.electron.shell.openExternal).toHaveBeenCalledWith(
      'http://127.0.0.1:8787/track/abc',
    );
    handlers.get('will-navigate')!(event, 'https://evil.example/');
    expect(fake.electron.shell.openExternal).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[qdn\] Refused a navigation/));
  });

  it('quits even when closing the session rejects, and logs why', async () => {
    await started();
    close.mockRejectedValueOnce(new Error('edge would not stop'));
    const event = { preventDefault: vi.fn() };
    fake.appEvents.get('will-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.electron.app.quit).toHaveBeenCalled());
    expect(warn).toHaveBeenCalledWith(
      '[qdn] The console session did not close cleanly: edge would not stop',
    );
  });
});

describe('closeThenQuit', () => {
  it('closes, then quits', async () => {
    const order: string[] = [];
    await closeThenQuit(
      async () => void order.push('close'),
      () => order.push('quit'),
      () => order.push('log'),
    );
    expect(order).toEqual(['close', 'quit']);
  });

  it('logs a rejection (even a non-Error one) and still quits', async () => {
    const log = vi.fn();
    const quit = vi.fn();
    // A non-Error rejection on purpose: some libraries reject with strings.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    await expect(closeThenQuit(() => Promise.reject('disk gone'), quit, log)).resolves.toBe(
      undefined,
    );
    expect(log).toHaveBeenCalledWith('The console session did not close cleanly: disk gone');
    expect(quit).toHaveBeenCalledTimes(1);
  });
});

describe('externalOriginsOf', () => {
  it('keeps each origin once and skips what is missing or not a URL', () => {
    expect(
      externalOriginsOf([
        'https://quickdumpnow.com/base/',
        'https://quickdumpnow.com',
        null,
        undefined,
        'not a url',
        'http://127.0.0.1:8787',
      ]),
    ).toEqual(['https://quickdumpnow.com', 'http://127.0.0.1:8787']);
  });
});
