import { vi } from 'vitest';

// The Electron runtime cannot be installed on these machines (its binary download is blocked),
// and `import 'electron'` in plain Node would try to download it. Shell tests get this stand-in
// instead and inspect what the shell asked of it.
vi.mock('electron', () => ({
  app: { isPackaged: false, getPath: vi.fn(() => '/tmp/qdn-user-data') },
  BrowserWindow: vi.fn(function BrowserWindow(this: Record<string, unknown>, options: unknown) {
    this.options = options;
    this.once = vi.fn();
    this.loadURL = vi.fn(async () => undefined);
  }),
  clipboard: { writeText: vi.fn() },
  ipcMain: { handle: vi.fn() },
  shell: { openExternal: vi.fn(async () => undefined) },
}));
