import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, clipboard, dialog, ipcMain, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { startConsoleSession } from '../core/console/console-session';
import type { ConsoleSession } from '../core/console/console-session';
import { appRoot } from '../core/workspace/app-files';
import { forwardEvents, registerIpc } from './ipc';
import { denyPermissions, hardenWebContents } from './security';
import { createShellApi } from './shell-api';
import { createMainWindow } from './window';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : pathToFileURL(path.join(here, '../renderer/index.html')).toString();
const preloadPath = path.join(here, '../preload/index.cjs');

const iconPath = path.join(appRoot(), 'resources', 'icon.png');

let consoleSession: ConsoleSession | null = null;
let mainWindow: BrowserWindow | null = null;

app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, rendererUrl, (url) => shell.openExternal(url));
});

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  // With no AWS configured the console runs on its sandbox, inside the user-data folder.
  const workspaceDir = process.env.QDN_WORKSPACE ?? path.join(app.getPath('userData'), 'sandbox');
  const started = await startConsoleSession(workspaceDir);
  consoleSession = started;
  registerIpc(ipcMain, started.api, createShellApi(clipboard), rendererUrl);
  const win = await createMainWindow(preloadPath, rendererUrl, iconPath);
  mainWindow = win;
  // Deploy progress and other events go to the one window while it lives.
  const stopEvents = forwardEvents((l) => started.subscribe(l), win.webContents, rendererUrl);
  win.once('closed', () => {
    stopEvents();
    if (mainWindow === win) mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('QuickDumpNow Dispatch could not start', (err as Error).message);
      app.quit();
    });
  // Launching the console again brings the running one forward instead of a silent quit.
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Quit only once the session has stopped its edge and removed its record, so no other
  // process later reads a stale one.
  app.on('will-quit', (event) => {
    const session = consoleSession;
    if (!session) return;
    consoleSession = null;
    event.preventDefault();
    void session.close().finally(() => app.quit());
  });
}
