import { trackingPath } from './site-keys';

/** The link a customer gets by text: `<public base>/track/<token>`. */
export function buildTrackingUrl(publicBaseUrl: string, token: string): string {
  const base = new URL(publicBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}${trackingPath(encodeURIComponent(token))}`;
  base.search = '';
  base.hash = '';
  return base.toString();
}
