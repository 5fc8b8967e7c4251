/**
 * The public site's addresses, named once: the keys in a site target that are data rather than
 * the site, the pages the viewer-request function (site/edge/viewer-request.js) routes onto,
 * and the paths a tracking link is read and cached under. The deploy pipeline derives what it
 * copies, prunes and invalidates from these, so a key spelled here is a key it knows.
 */

/** The document that says "this site answers, and runs this build"; part of every release. */
export const SITE_HEALTH_KEY = 'api/health.json';

/** The booking document (src/shared/inbox/booking-document.ts), published in prod. */
export const BOOKING_DOCUMENT_KEY = 'api/book-upload.json';

/** Who the business is, published beside the booking document (its BusinessDocument). */
export const BUSINESS_DOCUMENT_KEY = 'api/business.json';

/** Every status document lives under this folder, one per live token. */
const STATUS_DOCUMENTS = 'api/track/';
const STATUS_DOCUMENT = /^api\/track\/([^/]+)\.json$/;

/** Where a job's public status document lives in every site target. */
export const statusDocumentKey = (token: string): string => `${STATUS_DOCUMENTS}${token}.json`;

/** The token whose status document `key` is; null for any other key. */
export function statusDocumentToken(key: string): string | null {
  return STATUS_DOCUMENT.exec(key)?.[1] ?? null;
}

export function isStatusDocumentKey(key: string): boolean {
  return statusDocumentToken(key) !== null;
}

/**
 * Keys in a site bucket that are data, not the site: status documents and the booking and
 * business documents are written by the console as jobs and settings change, so a deploy never
 * copies, prunes or rolls them back — a rollback must not bring back a revoked customer's page.
 */
export function isSiteDataKey(key: string): boolean {
  return (
    key.startsWith(STATUS_DOCUMENTS) ||
    key === BOOKING_DOCUMENT_KEY ||
    key === BUSINESS_DOCUMENT_KEY
  );
}

/** The page every tracking link is routed onto. */
export const TRACKING_PAGE = 'track.html';
/** The page the booking form and every quote link are routed onto. */
export const BOOKING_PAGE = 'book.html';

/**
 * The pretty routes the viewer-request function rewrites onto a page. CloudFront caches under
 * the rewritten URI, but AWS advises invalidating the viewer's paths too, so a changed page
 * invalidates both. `/book/*` does not match the bare `/book`, so each route lists both. Built
 * inside a function: esbuild keeps a top-level object with computed keys in every bundle that
 * imports this module, and the tracking page (site/src/track.ts) has no use for it.
 */
function routesOf(key: string): readonly string[] {
  const routed: Readonly<Record<string, readonly string[]>> = {
    [TRACKING_PAGE]: ['/track', '/track/*'],
    [BOOKING_PAGE]: ['/book', '/book/*'],
    'index.html': ['/'],
  };
  return routed[key] ?? [];
}

/** Where a customer opens the booking form. */
export const BOOKING_FORM_PATH = '/book/';

/** The path a quote's link names its token under, routed onto the booking page. */
export function quotePath(token: string): string {
  return `${BOOKING_FORM_PATH}${token}`;
}

/** The path a customer's link names its token under, routed onto the tracking page. */
export const trackingPath = (token: string): string => `/track/${token}`;

/**
 * Every path the edge may cache `key` under: its own, the routes rewritten onto it, and for a
 * status document the page route that names its token.
 */
export function edgePathsOfKey(key: string): string[] {
  const paths = [`/${key.split('/').map(encodeURIComponent).join('/')}`, ...routesOf(key)];
  const token = statusDocumentToken(key);
  if (token !== null) paths.push(trackingPath(token));
  return paths;
}
