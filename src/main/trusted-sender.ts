import { APP_SCHEME } from './app-protocol';

/**
 * Whether an IPC message comes from the console's own page: the app:// document (or the dev
 * server electron-vite names), in the main frame. Anything else — an iframe, another app://
 * path, a page that navigated away — is refused.
 */
export function isTrustedSenderUrl(senderUrl: string, rendererUrl: string): boolean {
  let sender: URL;
  let own: URL;
  try {
    sender = new URL(senderUrl);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  // URL gives custom schemes the origin "null", so app:// (and file://) compare by parts: the
  // same scheme, host and document; only the hash (the page's route) may differ.
  if (own.protocol === `${APP_SCHEME}:` || own.protocol === 'file:') {
    return (
      sender.protocol === own.protocol &&
      sender.host === own.host &&
      sender.pathname === own.pathname &&
      sender.search === ''
    );
  }
  return sender.origin === own.origin;
}
