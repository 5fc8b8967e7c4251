import { quotePath } from './site-keys';

/**
 * The link a customer confirms a quote at: `<public base>/book/<token>`, built as
 * buildTrackingUrl (src/shared/tracking-link.ts) builds the tracking link, so a public site
 * served under a path keeps it.
 */
export function buildQuoteUrl(publicBaseUrl: string, token: string): string {
  const base = new URL(publicBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}${quotePath(encodeURIComponent(token))}`;
  base.search = '';
  base.hash = '';
  return base.toString();
}
