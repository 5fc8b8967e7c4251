/** The link a customer gets by text: `<public base>/track/<token>`. */
export function buildTrackingUrl(publicBaseUrl: string, token: string): string {
  const base = new URL(publicBaseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}/track/${encodeURIComponent(token)}`;
  base.search = '';
  base.hash = '';
  return base.toString();
}

/** Where a job's public status document lives in every site target. */
export function statusDocumentKey(token: string): string {
  return `api/track/${token}.json`;
}
