import { BrowserWindow } from 'electron';

/**
 * Locked down: the renderer is web content with one bridge, `window.qdn`, and nothing else.
 * The options stay inline so the Electron security scan (`npm run lint`) reads them as written.
 */
export async function createMainWindow(
  preloadPath: string,
  rendererUrl: string,
  iconPath: string,
): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    icon: iconPath,
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
      // Middle-click would otherwise open links in new windows behind our window-open handler.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's spellchecker downloads its dictionaries from a Google CDN (Electron offers no
      // switch for just the download), so it is off: the console makes no call it does not need.
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(rendererUrl);
  return win;
}
