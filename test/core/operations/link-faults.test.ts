import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import { readJournal } from '../../../src/core/deploy/read-journal';
import {
  workspaceDeploy,
  workspaceDeployContext,
} from '../../../src/core/workspace/workspace-deploy';
import { linkDoctor } from '../../../src/core/operations/link-doctor';
import { JOBS_KEY, JobsRepository } from '../../../src/core/jobs/jobs-repository';
import { JobsService } from '../../../src/core/jobs/jobs-service';
import { changeJobLink } from '../../../src/core/operations/link-change';
import { StatusPublisher } from '../../../src/core/publishing/status-publisher';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import type { LinkFix } from '../../../src/shared/deploy/deploy-api';
import { statusDocumentKey } from '../../../src/shared/site-keys';
import { MARK_SEED_RECORD } from '../../fixtures/mark';
import { copyTree } from '../../support/copy-tree';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { Fault, FaultPlan } from '../../support/fault-plan';
import { writeSite } from '../deploy/site-fixture';

/**
 * Issue 15: revoking and rotating a tracking link (src/core/operations/link-change.ts) and the
 * link doctor's fixes, each failed or stopped at every store and CDN call in turn
 * (test/support/fault-plan.ts), then healed, in Mark's world (test/core/operations/link-doctor.test.ts)
 * behind a live sandbox edge whose cache holds what phones opened.
 *
 * What "the re-run" is, for a link change: one whose save did not land is simply clicked again.
 * One whose save landed must not be: a second rotate mints yet another token, and whatever the
 * first left behind stays behind. What heals it is what the next session does unasked — its
 * deploy status (the Deploy dot polls it; twice: the first starts what is owed, the second sees
 * it complete) — so that is the re-run there (and it follows a clicked-again change too, whose
 * invalidation is owed until a status sees it complete). It must leave the old link dead at the
 * edge, nothing owed for it, and, for a rotate, the new one working.
 */

/** A pid no process has: the owner a killed run leaves in the journal. */
const GONE = { host: hostname(), pid: 2 ** 22 + 7 };
const JOB = MARK_SEED_RECORD.job_id;
const OLD = MARK_SEED_RECORD.tracking_token;

/** The distribution's custom error page: a missing document answers 404, as on CloudFront. */
const NOT_FOUND_PAGE = { '404.html': '<!doctype html><title>Not found</title>' };

let root: string;
let site: string;
let linkTemplate: string;
let doctorTemplate: string;

const deployOver = (w: Workspace): DeployService =>
  workspaceDeploy(w, { surface: 'cli', siteDir: site, invalidationTimeoutMs: 5_000 });

/** Mark's record as the seed wrote it, the function live, v1 promoted, his document online. */
async function markWorld(dir: string): Promise<Workspace> {
  const ws = await openWorkspace(dir);
  await mkdir(path.join(dir, 'data'), { recursive: true });
  await writeFile(
    path.join(dir, 'data', 'jobs.json'),
    JSON.stringify({ schema: 1, jobs: [MARK_SEED_RECORD] }),
  );
  const d = deployOver(ws);
  await d.publishEdgeFunction({ associate: true });
  await d.stageSite();
  await d.promote({ invalidate: false, prune: false });
  await ws.jobs.republishAll();
  return ws;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-link-faults-'));
  site = path.join(root, 'site');
  await writeSite(site, 'v1', NOT_FOUND_PAGE);
  linkTemplate = path.join(root, 'template-link');
  await markWorld(linkTemplate);
  // The seed's deploy: v2 staged, to be promoted without an invalidation once a phone has v1.
  doctorTemplate = path.join(root, 'template-doctor');
  const ws = await markWorld(doctorTemplate);
  await writeSite(site, 'v2', NOT_FOUND_PAGE);
  await deployOver(ws).stageSite();
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let runs = 0;
/** A fresh copy of a template, served by a live edge; `LocalEdgeCdn` applies invalidations at once. */
async function world(template: string) {
  const dir = path.join(root, `run-${++runs}`);
  await copyTree(template, dir);
  const opened = await openWorkspace(dir);
  const cdn = new LocalEdgeCdn(dir, { invalidationDelayMs: 0 });
  const ws: Workspace = { ...opened, cdns: () => Promise.resolve([cdn]) };
  const edge = await startSandboxEdge(opened, { port: 0 });
  const stop = async () => {
    await edge.stop();
    await rm(dir, { recursive: true, force: true, maxRetries: 20 });
  };
  return { ws, dir, edge, stop };
}

/** The workspace with its data, prod and CDN wrapped by the plan, and jobs working through them. */
function faulty(ws: Workspace, dir: string, plan: FaultPlan): Workspace {
  const data = plan.wrap(ws.data, 'data');
  const prod = plan.wrap(ws.sites.prod, 'prod');
  const cdn = plan.wrap(new LocalEdgeCdn(dir, { invalidationDelayMs: 0 }), 'cdn');
  const publisher = new StatusPublisher([prod], ws.config.business, {
    days: ws.config.jobs.status_expiry_days,
  });
  const repository = new JobsRepository(data, JOBS_KEY);
  return {
    ...ws,
    data,
    sites: { ...ws.sites, prod },
    repository,
    jobs: new JobsService(repository, publisher, undefined, ws.config.jobs.archive_after_days),
    cdns: () => Promise.resolve([cdn]),
  };
}

function expectFaultReported(outcome: string, fault: Fault | null, plan: FaultPlan) {
  if (!fault) expect(outcome).toBe('ok');
  if (fault?.mode === 'fail' && plan.fired) {
    // A failed call fails the operation, or is one it survives (the CDN's, as a warning).
    expect(outcome === 'ok' || /injected fault/.test(outcome), outcome).toBe(true);
  }
  if (fault?.mode === 'stop' && plan.fired) expect(outcome).toBe('stopped');
}

/** What a phone gets through the edge for a status document. */
async function document(url: string, token: string) {
  const res = await fetch(`${url}/${statusDocumentKey(token)}`);
  return { status: res.status, body: await res.text() };
}

/** Keys the journal still owes, or has planned, an invalidation for. */
async function owedIn(ws: Workspace): Promise<{ owed: string[]; planned: string[] }> {
  const { state } = await readJournal(ws);
  return {
    owed: Object.keys(state.owed),
    planned: state.invalidating.flatMap((i) => Object.keys(i.keys)),
  };
}

describe('link revoke and rotate under deterministic faults', () => {
  for (const action of ['revoke', 'rotate'] as const) {
    it(`${action}: after any fault the old document is gone or owed; after the heal the old link is dead at the edge`, async () => {
      const report = await forEachFault(async (plan, fault) => {
        const { ws, dir, edge, stop } = await world(linkTemplate);
        try {
          // A phone has the link open: the edge holds its document (for its 5 s cache life).
          expect((await document(edge.url, OLD)).status).toBe(200);
          const outcome = await settleOrAbandon(
            changeJobLink(faulty(ws, dir, plan), action, JOB).then(({ warning }) => {
              // A CDN that could not be told is a warning on a saved change: still a fault.
              if (warning) throw new Error(warning);
            }),
            plan,
          );
          expectFaultReported(outcome, fault, plan);

          // After the fault: jobs.json parses and Mark is still there, with his id.
          const [mark, ...others] = await ws.jobs.listJobs();
          expect(others).toEqual([]);
          expect(mark).toMatchObject({ job_id: JOB, customer_name: 'Mark' });
          const saved =
            action === 'revoke' ? !!mark!.token_revoked_at : mark!.tracking_token !== OLD;
          const oldKey = statusDocumentKey(OLD);
          const present = (await ws.sites.prod.head(oldKey)) !== null;
          // A change that never saved leaves the customer's link working.
          if (!saved) expect(present, 'old document withdrawn, change not saved').toBe(true);
          if (saved) {
            // Never both online and forgotten: that link would work for good.
            const { owed } = await owedIn(ws);
            expect(!present || owed.includes(oldKey), 'old document online and not owed').toBe(
              true,
            );
          }

          // The heal (see the top of this file).
          if (!saved) {
            const again = await changeJobLink(ws, action, JOB);
            expect(again.warning).toBeNull();
          }
          const d = deployOver(ws);
          await d.getDeployStatus();
          await d.getDeployStatus();

          const [healed] = await ws.jobs.listJobs();
          if (action === 'revoke') expect(healed!.token_revoked_at).toEqual(expect.any(String));
          else expect(healed!.tracking_token).not.toBe(OLD);
          expect(await ws.sites.prod.head(oldKey)).toBeNull();
          // Not a cached 200: the edge asks prod again, which has nothing for that token.
          expect((await document(edge.url, OLD)).status).toBe(404);
          const debts = await owedIn(ws);
          expect(debts.owed).not.toContain(oldKey);
          expect(debts.planned).not.toContain(oldKey);
          if (action === 'rotate') {
            const fresh = await document(edge.url, healed!.tracking_token);
            expect(fresh.status).toBe(200);
            expect(JSON.parse(fresh.body)).toMatchObject({ first_name: 'Mark' });
          }
        } finally {
          await stop();
        }
      });
      console.log(coverageLine(`link ${action}`, report));
      expect(report.calls).toBeGreaterThan(4);
    }, 120_000);
  }
});

describe('link doctor fixes under deterministic faults', () => {
  const cases: { fix: LinkFix; breakIt: (ws: Workspace, edgeUrl: string) => Promise<void> }[] = [
    {
      // The document was lost from prod.
      fix: 'republish_document',
      breakIt: (ws) => ws.sites.prod.delete(statusDocumentKey(OLD)),
    },
    {
      // The seed's deploy: a phone cached v1's page, then v2 went out with no invalidation.
      fix: 'invalidate',
      breakIt: async (ws, edgeUrl) => {
        await (await fetch(`${edgeUrl}/track/${OLD}`)).text();
        await deployOver(ws).promote({ invalidate: false, prune: false });
      },
    },
  ];
  for (const { fix, breakIt } of cases) {
    it(`${fix}: after any fault, the same fix again leaves the doctor finding nothing wrong`, async () => {
      const template = fix === 'invalidate' ? doctorTemplate : linkTemplate;
      const report = await forEachFault(async (plan, fault) => {
        const { ws, dir, edge, stop } = await world(template);
        try {
          await breakIt(ws, edge.url);
          const d = deployOver(ws);
          const doctor = linkDoctor(
            workspaceDeployContext(ws, {
              surface: 'cli',
              siteDir: site,
              invalidationTimeoutMs: 5_000,
            }),
          );
          expect((await doctor.diagnose(JOB)).fault).not.toBeNull();
          const faultyDoctor = linkDoctor(
            workspaceDeployContext(faulty(ws, dir, plan), {
              surface: 'cli',
              siteDir: site,
              invalidationTimeoutMs: 5_000,
              owner: GONE,
            }),
          );
          const outcome = await settleOrAbandon(
            faultyDoctor.fix(JOB, fix).then((after) => {
              if (after.fault !== null) throw new Error(`still at fault: ${after.fault}`);
            }),
            plan,
          );
          expectFaultReported(outcome, fault, plan);
          expect((await ws.jobs.listJobs()).map((j) => j.job_id)).toEqual([JOB]);

          const again = await doctor.fix(JOB, fix);
          expect(again.fault, JSON.stringify(again.layers.filter((l) => !l.ok))).toBeNull();
          // What the fix covers is no longer owed (book.html may stay owed: not this link's).
          const status = await d.getDeployStatus();
          expect(status.unfinished).toBeNull();
          expect(status.owed).not.toContain('track.html');
          expect(status.owed).not.toContain(statusDocumentKey(OLD));
        } finally {
          await stop();
        }
      });
      console.log(coverageLine(`link doctor ${fix}`, report));
      expect(report.calls).toBeGreaterThan(2);
    }, 120_000);
  }
});
