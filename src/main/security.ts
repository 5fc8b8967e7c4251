import type { Session, WebContents } from 'electron';
import { isAllowedExternalUrl } from './navigation-policy';

/**
 * No navigation away from the console, no new windows, no webviews: links the dispatcher
 * clicks (a tracking link, an sms: link) go to the system's own apps instead.
 */
export function hardenWebContents(
  contents: WebContents,
  rendererUrl: string,
  openExternal: (url: string) => Promise<void>,
): void {
  contents.on('will-navigate', (event, url) => {
    if (url === rendererUrl) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) void openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The console needs no camera, location, notifications…: every permission request is refused. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
