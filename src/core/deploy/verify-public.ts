import { randomBytes } from 'node:crypto';
import type { PublicCheck } from '../../shared/deploy/deploy-api';
import type { Job } from '../../shared/job';
import {
  BOOKING_FORM_PATH,
  BOOKING_PAGE,
  SITE_HEALTH_KEY,
  statusDocumentKey,
  TRACKING_PAGE,
  trackingPath,
} from '../../shared/site-keys';
import { etagOf } from '../storage/etag';
import { fetchPublic } from './fetch-public';
import type { Release } from './releases';

/** Routes a customer opens, and the page each must serve byte for byte. */
const PAGE_ROUTES = [
  { name: 'Tracking page route', path: () => trackingPath(probeToken()), key: TRACKING_PAGE },
  { name: 'Booking page route', path: () => BOOKING_FORM_PATH, key: BOOKING_PAGE },
] as const;

/** A token-shaped path no job has: the route must serve the page whatever the token. */
function probeToken(): string {
  return `qdn-verify-${randomBytes(24).toString('base64url')}`;
}

/**
 * Checks prod through its public URL, as a customer's phone sees it: each route serves
 * exactly the release's bytes, the health document names its build, and a live job's status
 * document answers. Each check says what it expected and what it saw.
 */
export async function verifyPublicSite(
  baseUrl: string,
  release: Release,
  jobs: readonly Job[],
): Promise<PublicCheck[]> {
  const checks: PublicCheck[] = [];
  for (const route of PAGE_ROUTES) {
    const expected = release.files[route.key]?.etag;
    const url = new URL(route.path(), baseUrl).toString();
    if (!expected) {
      checks.push({
        name: route.name,
        url,
        ok: false,
        expected: `${route.key} in the release`,
        saw: 'the release has no such page',
      });
      continue;
    }
    const seen = await fetchPublic(url);
    const saw =
      'error' in seen
        ? seen.error
        : `HTTP ${seen.status}, ${seen.status === 200 ? `body ${etagOf(seen.body)}` : 'no page'}`;
    const ok = !('error' in seen) && seen.status === 200 && etagOf(seen.body) === expected;
    checks.push({
      name: route.name,
      url,
      ok,
      expected: `HTTP 200, body ${expected} (${route.key} of release ${release.id})`,
      saw,
    });
  }
  checks.push(
    await checkHealth(new URL(`/${SITE_HEALTH_KEY}`, baseUrl).toString(), release.build_id),
  );
  const live =
    jobs.find((j) => !j.token_revoked_at && j.status !== 'completed' && j.status !== 'canceled') ??
    jobs.find((j) => !j.token_revoked_at);
  if (live) {
    const url = new URL(`/${statusDocumentKey(live.tracking_token)}`, baseUrl).toString();
    const seen = await fetchPublic(url);
    const ok = !('error' in seen) && seen.status === 200 && isJson(seen.body);
    checks.push({
      name: `Status document of job ${live.job_id}`,
      url: url.replace(live.tracking_token, `${live.tracking_token.slice(0, 6)}…`),
      ok,
      expected: 'HTTP 200 with the job’s status JSON',
      saw: 'error' in seen ? seen.error : `HTTP ${seen.status}${ok ? ', JSON' : ''}`,
    });
  }
  return checks;
}

async function checkHealth(url: string, buildId: string | null): Promise<PublicCheck> {
  const seen = await fetchPublic(url);
  let saw = 'error' in seen ? seen.error : `HTTP ${seen.status}`;
  let ok = false;
  if (!('error' in seen) && seen.status === 200) {
    try {
      const doc = JSON.parse(seen.body.toString('utf8')) as { build_id?: unknown };
      saw = `build ${String(doc.build_id)}`;
      ok = buildId === null || doc.build_id === buildId;
    } catch {
      saw = 'HTTP 200, but not JSON';
    }
  }
  return { name: 'Health document', url, ok, expected: `build ${buildId ?? '(any)'}`, saw };
}

function isJson(body: Buffer): boolean {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
