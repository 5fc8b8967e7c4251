import type { Session, WebContents } from 'electron';
import { errorMessage } from '../shared/errors';
import { isAllowedExternalUrl } from './navigation-policy';

export interface NavigationOptions {
  /** The origins links may open in the system browser: the public site, the local edge. */
  externalOrigins: () => readonly string[];
  /** Where refused navigations are written (the main process's log). */
  log: (message: string) => void;
}

/**
 * No navigation away from the console, no new windows, no webviews: links the dispatcher
 * clicks (a tracking link, an sms: link) go to the system's own apps instead, if the policy
 * allows them; anything refused is logged, so a blocked link can be explained.
 */
export function hardenWebContents(
  contents: WebContents,
  rendererUrl: string,
  openExternal: (url: string) => Promise<void>,
  options: NavigationOptions,
): void {
  const handOver = (url: string, what: string) => {
    if (!isAllowedExternalUrl(url, options.externalOrigins())) {
      options.log(`Refused ${what} to ${describeUrl(url)}: not an allowed external link.`);
      return;
    }
    openExternal(url).catch((err: unknown) =>
      options.log(`Could not open ${describeUrl(url)}: ${errorMessage(err)}`),
    );
  };
  contents.on('will-navigate', (event, url) => {
    if (url === rendererUrl) return;
    event.preventDefault();
    handOver(url, 'a navigation');
  });
  contents.on('will-redirect', (event, url) => {
    if (url === rendererUrl) return;
    event.preventDefault();
    options.log(`Refused a redirect to ${describeUrl(url)}.`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    handOver(url, 'a new window');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('Refused to attach a webview.');
  });
}

/** A URL as it goes to the log: long data: or javascript: URLs cut to a readable length. */
export function describeUrl(url: string): string {
  return JSON.stringify(url.length > 200 ? `${url.slice(0, 200)}…` : url);
}

/** The console needs no camera, location, notifications…: every permission request is refused. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
