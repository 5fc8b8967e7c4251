/**
 * Whether an IPC message comes from the console's own page: the app's file:// document (or the
 * dev server electron-vite names), in the main frame. Anything else — an iframe, a page that
 * navigated away — is refused.
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
  if (own.protocol === 'file:')
    return sender.protocol === 'file:' && sender.pathname === own.pathname;
  return sender.origin === own.origin;
}
