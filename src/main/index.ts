import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { startConsoleSession } from '../core/console/console-session';
import type { ConsoleSession } from '../core/console/console-session';
import { appRoot } from '../core/workspace/app-files';
import { errorMessage } from '../shared/errors';
import { APP_RENDERER_URL, APP_SCHEME_PRIVILEGES, serveAppProtocol } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { closeThenQuit, externalOriginsOf } from './lifecycle';
import { denyPermissions, hardenWebContents } from './security';
import { createShellApi } from './shell-api';
import { createMainWindow } from './window';
import { takeUploaderKeys, uploaderKeyStore } from './uploader-keys';

// Out of the environment before anything else runs: no child (xdg-open, helpers) inherits them.
const givenUploaderKeys = takeUploaderKeys(process.env);

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : APP_RENDERER_URL;
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');

const iconPath = path.join(appRoot(), 'resources', 'icon.png');

const log = (message: string) => console.warn(`[qdn] ${message}`);

let consoleSession: ConsoleSession | null = null;
let mainWindow: BrowserWindow | null = null;
// Filled once the session knows where its public site is; until then no web link opens.
let externalOrigins: readonly string[] = [];

// Electron takes privileged schemes only before `ready`.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents, rendererUrl, (url) => shell.openExternal(url), {
    externalOrigins: () => externalOrigins,
    log,
  });
});

async function start(): Promise<void> {
  denyPermissions(session.defaultSession);
  serveAppProtocol(protocol, rendererDir, log);
  // With no AWS configured the console runs on its sandbox, inside the user-data folder.
  const workspaceDir = process.env.QDN_WORKSPACE ?? path.join(app.getPath('userData'), 'sandbox');
  const started = await startConsoleSession(workspaceDir, {
    warn: log,
    // The booking uploader identity's keys, sealed with the OS keychain (AWS workspaces only).
    uploader: uploaderKeyStore(
      path.join(app.getPath('userData'), 'uploader-keys.bin'),
      safeStorage,
      givenUploaderKeys,
      log,
    ),
    // Settings switched sandbox ↔ AWS: links to the new public site may open, the old may not.
    onReopened: (reopened) => {
      allowLinksOf(reopened).catch((err: unknown) =>
        log(`Links not updated: ${errorMessage(err)}`),
      );
    },
  });
  consoleSession = started;
  await allowLinksOf(started);
  registerIpc(ipcMain, started.api, createShellApi(clipboard), rendererUrl, log);
  const win = await createMainWindow(preloadPath, rendererUrl, iconPath);
  mainWindow = win;
  // Deploy progress and other events go to the one window while it lives.
  const stopEvents = forwardEvents((l) => started.subscribe(l), win.webContents, rendererUrl);
  win.once('closed', () => {
    stopEvents();
    if (mainWindow === win) mainWindow = null;
  });
}

/** The public site's and the local edge's origins are the external links that may open. */
async function allowLinksOf(running: ConsoleSession): Promise<void> {
  externalOrigins = externalOriginsOf([await running.workspace.publicBaseUrl(), running.edge?.url]);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`Could not start: ${errorMessage(err)}`);
      dialog.showErrorBox('QuickDumpNow Dispatch could not start', errorMessage(err));
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
  // process later reads a stale one. A close that fails is logged, and the app still quits.
  app.on('will-quit', (event) => {
    const running = consoleSession;
    if (!running) return;
    consoleSession = null;
    event.preventDefault();
    void closeThenQuit(
      () => running.close(),
      () => app.quit(),
      log,
    );
  });
}
