import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsoleSession } from '../../../src/core/console/console-session';
import type { ConsoleSession } from '../../../src/core/console/console-session';
import { changeJobLink } from '../../../src/core/operations/link-change';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { readJournal } from '../../../src/core/deploy/read-journal';
import type { Cdn } from '../../../src/core/cdn/cdn';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';

// Real HTTP through the sandbox's local edge (its cache included), over the built site.
let dir: string;
let session: ConsoleSession;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-links-'));
  session = await startConsoleSession(dir, { warn: () => {} });
  await session.statusDocumentsRefreshed;
});
afterEach(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

const NEW_JOB = {
  customer_name: 'Mark',
  address: 'Soderblom Ave',
  pickup_date: '2030-11-27T21:00:00Z',
  price: 600,
};

/** What a phone gets for a token: the page, its document, and the health check the page uses. */
async function phoneSees(token: string) {
  const base = session.edge!.url;
  const page = await fetch(`${base}/track/${token}`);
  const doc = await fetch(`${base}/api/track/${token}.json`);
  const health = await fetch(`${base}/api/health.json`);
  return { page: page.status, doc: doc.status, body: await doc.text(), health: health.ok };
}

describe('revoking and rotating a job’s link (issue 8 §6)', () => {
  it('revoke: the old link is no longer valid at once, though the edge had cached it', async () => {
    const { job } = await session.api.createJob(NEW_JOB);
    // The phone opened the link: the edge now holds the document (for 5 s).
    expect((await phoneSees(job.tracking_token)).doc).toBe(200);
    const { job: revoked, warning } = await session.api.revokeJobLink(job.job_id);
    expect(warning).toBeNull();
    expect(revoked.token_revoked_at).toEqual(expect.any(String));
    expect(revoked.history!.at(-1)).toMatchObject({ event: 'revoke', status: 'scheduled' });
    const seen = await phoneSees(job.tracking_token);
    // The page loads, finds no document while the site is healthy: "Link no longer valid".
    expect(seen.page).toBe(200);
    expect([403, 404]).toContain(seen.doc);
    expect(seen.body).not.toContain('Mark');
    expect(seen.health).toBe(true);
    const script = await findTrackScript();
    expect(script).toContain('This tracking link is no longer valid');
    // The card keeps working in the console.
    const { job: moved } = await session.api.setJobStatus(job.job_id, 'en_route');
    expect(moved.status).toBe('en_route');
    expect((await phoneSees(job.tracking_token)).doc).not.toBe(200);
  });

  it('rotate: a new link that works, the old one withdrawn and invalidated', async () => {
    const { job } = await session.api.createJob(NEW_JOB);
    expect((await phoneSees(job.tracking_token)).doc).toBe(200);
    const { job: rotated, warning } = await session.api.rotateJobLink(job.job_id);
    expect(warning).toBeNull();
    expect(rotated.tracking_token).not.toBe(job.tracking_token);
    expect(rotated.tracking_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated).not.toHaveProperty('token_revoked_at');
    expect(rotated.history!.at(-1)).toMatchObject({ event: 'rotate' });
    expect([403, 404]).toContain((await phoneSees(job.tracking_token)).doc);
    const fresh = await phoneSees(rotated.tracking_token);
    expect(fresh.doc).toBe(200);
    expect(JSON.parse(fresh.body)).toMatchObject({ first_name: 'Mark', status: 'scheduled' });
    // History names the change, never a token.
    expect(JSON.stringify(rotated.history)).not.toContain(job.tracking_token);
  });

  it('rotate brings a revoked job back online with a new link', async () => {
    const { job } = await session.api.createJob(NEW_JOB);
    await session.api.revokeJobLink(job.job_id);
    const { job: rotated } = await session.api.rotateJobLink(job.job_id);
    expect(rotated).not.toHaveProperty('token_revoked_at');
    expect((await phoneSees(rotated.tracking_token)).doc).toBe(200);
  });

  it('answers not_found for a job that is not on the board, and changes nothing', async () => {
    await expect(session.api.revokeJobLink('0000000000000000')).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('link invalidation on a CDN', () => {
  it('invalidates the page route and the document of the old token, and warns when the CDN fails', async () => {
    const ws = await openWorkspace(dir);
    const { job } = await ws.jobs.createJob(NEW_JOB);
    const asked: string[][] = [];
    const cdn = {
      distributionId: 'E123',
      location: 'CloudFront E123',
      invalidate: (paths: readonly string[]) => {
        asked.push([...paths]);
        return Promise.reject(new Error('AccessDenied: cloudfront:CreateInvalidation'));
      },
    } as unknown as Cdn; // a stand-in: CloudFront itself cannot run here
    const { job: rotated, warning } = await changeJobLink(
      { jobs: ws.jobs, data: ws.data, cdns: () => Promise.resolve([cdn]) },
      'rotate',
      job.job_id,
    );
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual([
      `/api/track/${job.tracking_token}.json`,
      `/track/${job.tracking_token}`,
    ]);
    expect(warning).toMatch(/^Saved, but the CDN could not be told.*AccessDenied/);
    expect((await ws.jobs.listJobs())[0]!.tracking_token).toBe(rotated.tracking_token);
    // The old document stays owed, and the next deploy status starts its invalidation.
    const owedDoc = `api/track/${job.tracking_token}.json`;
    expect(Object.keys((await readJournal(ws)).state.owed)).toEqual([owedDoc]);
    const answered = new LocalEdgeCdn(dir, { invalidationDelayMs: 0 });
    const healed = workspaceDeploy(
      { ...ws, cdns: () => Promise.resolve([answered]) },
      { surface: 'cli' },
    );
    await healed.getDeployStatus(); // starts the planned invalidation
    expect((await healed.getDeployStatus()).owed).not.toContain(owedDoc);
  });
});

/** The track page as served, with its scripts: where the page's messages live. */
async function findTrackScript(): Promise<string> {
  const html = await (await fetch(`${session.edge!.url}/track/x`)).text();
  const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const scripts = await Promise.all(
    sources.map(async (src) => (await fetch(new URL(src, `${session.edge!.url}/track/x`))).text()),
  );
  return [html, ...scripts].join('\n');
}
