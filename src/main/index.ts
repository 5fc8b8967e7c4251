import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, clipboard, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { BrowserWindow } from 'electron';
import { appRoot } from '../core/workspace/app-files';
import { errorMessage } from '../shared/errors';
import { APP_RENDERER_URL, APP_SCHEME_PRIVILEGES, serveAppProtocol } from './app-protocol';
import { forwardEvents, registerIpc } from './ipc';
import { startCoreProcess } from './core-process';
import type { CoreProcess } from './core-process';
import { closeThenQuit, externalOriginsOf } from './lifecycle';
import { denyPermissions, hardenWebContents } from './security';
import { createShellApi } from './shell-api';
import { createMainWindow } from './window';
import { takeUploaderKeys, uploaderKeyStore } from './uploader-keys';
import { utilityCoreChild } from './utility-core-child';

// Out of the environment before anything else runs: no child (xdg-open, helpers) inherits them.
const givenUploaderKeys = takeUploaderKeys(process.env);

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl =
  !app.isPackaged && process.env.ELECTRON_RENDERER_URL
    ? process.env.ELECTRON_RENDERER_URL
    : APP_RENDERER_URL;
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
// The core's process (src/core-host), built beside this file by electron.vite.config.ts.
const coreHostPath = path.join(here, 'core-host.js');

const iconPath = path.join(appRoot(), 'resources', 'icon.png');

const log = (message: string) => console.warn(`[qdn] ${message}`);

let coreProcess: CoreProcess | null = null;
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
  // The console session runs in its own process, so its long synchronous work (a large
  // jobs.json, an ingest) never stalls this loop, which serves the window (docs/architecture.md).
  const started = await startCoreProcess({
    workspaceDir,
    spawn: () => utilityCoreChild(coreHostPath),
    warn: log,
    // The booking uploader identity's keys, sealed with the OS keychain (AWS workspaces only):
    // unsealed here, in main, and handed to the core when it asks.
    uploader: uploaderKeyStore(
      path.join(app.getPath('userData'), 'uploader-keys.bin'),
      safeStorage,
      givenUploaderKeys,
      log,
    ),
    // At start and after Settings switched sandbox ↔ AWS: links to the public site and the
    // local edge the core runs now may open, the old ones may not.
    onLinks: (urls) => {
      externalOrigins = externalOriginsOf(urls);
    },
  });
  coreProcess = started;
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
  // Quit only once the core's session has stopped its edge and removed its record, so no other
  // process later reads a stale one. A close that fails is logged, and the app still quits.
  app.on('will-quit', (event) => {
    const running = coreProcess;
    if (!running) return;
    coreProcess = null;
    event.preventDefault();
    void closeThenQuit(
      () => running.close(),
      () => app.quit(),
      log,
    );
  });
}
