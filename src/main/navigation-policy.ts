/** Schemes that hand a link to the phone, dialer or mail app, never to a web page. */
const APP_SCHEMES = new Set(['sms:', 'tel:', 'mailto:']);

/**
 * Links the console may hand to the system's own apps (it never navigates to them itself):
 * `sms:`, `tel:`, `mailto:`, and pages of the given origins only — the workspace's public
 * site and the sandbox's local edge. Any other `https:` page is refused: a link planted in a
 * job's notes must not become a way to open arbitrary sites from a trusted app.
 */
export function isAllowedExternalUrl(raw: string, publicOrigins: readonly string[]): boolean {
  const url = parseUrl(raw);
  if (!url) return false;
  if (APP_SCHEMES.has(url.protocol)) return true;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  // Credentials in a link (https://user@host/) only serve to make a URL look like another.
  if (url.username !== '' || url.password !== '') return false;
  return publicOrigins.some((origin) => parseUrl(origin)?.origin === url.origin);
}

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}
