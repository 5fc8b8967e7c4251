import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';

/** Locked down: the renderer is web content with one bridge, `window.qdn`, and nothing else. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'QuickDumpNow Dispatch',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
    },
  };
}

export async function createMainWindow(
  preloadPath: string,
  rendererUrl: string,
): Promise<BrowserWindow> {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  await win.loadURL(rendererUrl);
  return win;
}
