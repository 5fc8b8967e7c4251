/**
 * A review item's id: where it waits under `inbox/` — `held/<name>` (possible spam) or
 * `rejected/<name>` — checked before it is used as a key, since it comes from the renderer or
 * a command line. Never a reason file, never a path that climbs out.
 */
export const REVIEW_FOLDERS = ['held', 'rejected'] as const;
export type ReviewFolder = (typeof REVIEW_FOLDERS)[number];

export const REASON_SUFFIX = '.reason.txt';

export function isReviewId(id: string): boolean {
  const [folder, ...rest] = id.split('/');
  return (
    (folder === 'held' || folder === 'rejected') &&
    rest.length > 0 &&
    id.length <= 900 &&
    !id.endsWith(REASON_SUFFIX) &&
    !/[\\\0]/.test(id) &&
    rest.every((part) => part !== '' && part !== '.' && part !== '..')
  );
}
