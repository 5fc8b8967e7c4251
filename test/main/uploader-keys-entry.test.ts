import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import type { UploadSigner } from '../../src/core/aws/presigned-post-check';
import { fakeUtilityProcess } from '../support/fake-utility-process';

// src/main/index.ts wires the shell at import. Electron is mocked (its runtime cannot be
// downloaded or run on these machines): this stand-in has what the entry touches, and a
// safeStorage that reports Linux's `basic_text` backend, as Electron does with no keyring.

type Listener = (...args: unknown[]) => void;

function fakeElectron(userData: string) {
  let ready!: () => void;
  const whenReady = new Promise<void>((resolve) => (ready = resolve));
  const electron = {
    app: {
      isPackaged: true,
      getPath: vi.fn(() => userData),
      requestSingleInstanceLock: vi.fn(() => true),
      whenReady: vi.fn(() => whenReady),
      on: vi.fn((_name: string, _listener: Listener) => undefined),
      quit: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    },
    BrowserWindow: vi.fn(function BrowserWindow(this: Record<string, unknown>) {
      this.once = vi.fn();
      this.loadURL = vi.fn(async () => undefined);
      this.webContents = { isDestroyed: () => false, getURL: () => '', send: vi.fn() };
    }),
    clipboard: { writeText: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => true),
      encryptString: vi.fn((plain: string) => Buffer.from(plain)),
      decryptString: vi.fn((sealed: Buffer) => sealed.toString()),
      getSelectedStorageBackend: vi.fn(() => 'basic_text'),
    },
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn() },
    shell: { openExternal: vi.fn(async () => undefined) },
    // The core's process, run here: the mocked console session below is what it starts.
    ...fakeUtilityProcess(),
  };
  return { electron, ready: () => ready() };
}

/** The QDN_UPLOADER_* names a child of this process would find in its environment. */
function uploaderVarsInChild(): string[] {
  const child = spawnSync(process.execPath, [
    '-e',
    'process.stdout.write(JSON.stringify(Object.keys(process.env).filter((k) => k.startsWith("QDN_UPLOADER"))))',
  ]);
  return JSON.parse(child.stdout.toString()) as string[];
}

describe('the main process and the uploader keys', () => {
  let userData: string;
  let uploader: (() => Promise<UploadSigner | null>) | undefined;
  let fake: ReturnType<typeof fakeElectron>;
  let warn: MockInstance<typeof console.warn>;

  beforeEach(async () => {
    userData = await mkdtemp(path.join(tmpdir(), 'qdn-user-data-'));
    fake = fakeElectron(userData);
    uploader = undefined;
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    process.env.QDN_UPLOADER_ACCESS_KEY_ID = 'AKIAUPLOADER0001';
    process.env.QDN_UPLOADER_SECRET_ACCESS_KEY = 'uploader-secret-000000000000000000000000';
    expect(uploaderVarsInChild()).toHaveLength(2); // what a child inherited before
    vi.resetModules();
    vi.doMock('electron', () => fake.electron);
    vi.doMock('../../src/core/console/console-session', () => ({
      startConsoleSession: vi.fn(
        async (_dir: string, options: { uploader?: () => Promise<UploadSigner | null> }) => {
          uploader = options.uploader;
          return {
            api: {},
            subscribe: () => () => undefined,
            edge: null,
            workspace: { publicBaseUrl: async () => null },
            close: async () => undefined,
          };
        },
      ),
    }));
    await import('../../src/main/index');
  });
  afterEach(async () => {
    delete process.env.QDN_UPLOADER_ACCESS_KEY_ID;
    delete process.env.QDN_UPLOADER_SECRET_ACCESS_KEY;
    vi.doUnmock('electron');
    vi.doUnmock('../../src/core/console/console-session');
    vi.resetModules();
    warn.mockRestore();
    await rm(userData, { recursive: true, force: true });
  });

  it('takes QDN_UPLOADER_* out of the environment at start, so children such as xdg-open never see them', () => {
    expect(process.env.QDN_UPLOADER_ACCESS_KEY_ID).toBeUndefined();
    expect(process.env.QDN_UPLOADER_SECRET_ACCESS_KEY).toBeUndefined();
    expect(uploaderVarsInChild()).toEqual([]);
  });

  it('with basic_text, keeps the keys in memory for this run and says so; nothing is written', async () => {
    fake.ready();
    await vi.waitFor(() => expect(uploader).toBeDefined());
    expect(await uploader?.()).toEqual({
      accessKeyId: 'AKIAUPLOADER0001',
      secretAccessKey: 'uploader-secret-000000000000000000000000',
      region: '',
    });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^\[qdn\] The uploader keys are not saved: no keyring .* kept in memory for this run only/,
      ),
    );
    expect(fake.electron.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(await readdir(userData)).toEqual([]);
  });
});
