import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import type { DeployService } from '../../../src/core/deploy/deploy-service';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { startSandboxEdge } from '../../../src/core/workspace/sandbox-edge';
import { edgeFunctionPath } from '../../../src/core/workspace/app-files';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { copyTree } from '../../support/copy-tree';
import { coverageLine, forEachFault, settleOrAbandon } from '../../support/fault-plan';
import type { Fault, FaultPlan } from '../../support/fault-plan';
import { writeSite } from './site-fixture';

/**
 * Issue 15: the edge-function publish (describe → update DEVELOPMENT → test → publish →
 * associate, src/core/deploy/edge-function-deploy.ts), failed or stopped at every CDN and data
 * call in turn (test/support/fault-plan.ts), then run again as the same product would: the
 * same `publishFunction` with the workspace's default source (site/edge/viewer-request.js).
 * After the fault, customers get one whole function (the old LIVE or ours), never another;
 * after the re-run, LIVE runs the local code, associated, its tests pass, and the running edge
 * routes a tracking link with it.
 */

/** A function that routes nothing: what LIVE runs before this deploy (a link gets S3's 403). */
const OLD_CODE = 'function handler(event) { return event.request; }\n';
const TOKEN = 'qdn-fault-probe-token-000000000000';

let root: string;
let site: string;
let local: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-function-faults-'));
  site = path.join(root, 'site');
  await writeSite(site, 'v1');
  local = await readFile(edgeFunctionPath(), 'utf8');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const deployOver = (w: Workspace): DeployService =>
  workspaceDeploy(w, { surface: 'cli', siteDir: site });

/**
 * v1 promoted, and the function as a template needs it: none yet (`create`), or OLD_CODE live
 * and associated (`update`), as a workspace whose function an older version published.
 */
async function template(kind: 'create' | 'update'): Promise<string> {
  const dir = path.join(root, `template-${kind}`);
  const ws = await openWorkspace(dir);
  const d = deployOver(ws);
  await d.stageSite();
  await d.promote({ invalidate: false, prune: false });
  if (kind === 'update') {
    const cdn = new LocalEdgeCdn(dir);
    const created = await cdn.createFunction(ws.functionName, OLD_CODE, 'an older version');
    const live = await cdn.publishFunction(ws.functionName, created.etag);
    await cdn.associateViewerRequest(live.arn);
  }
  return dir;
}

let runs = 0;
async function world(templateDir: string) {
  const dir = path.join(root, `run-${++runs}`);
  await copyTree(templateDir, dir);
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

/**
 * The CDN through the plan, but for the test cases: a publish runs all of them on DEVELOPMENT,
 * then on LIVE, one TestFunction each (33 here, ~1.7 ms apiece in the sandbox's runtime).
 * TestFunction only reads, and the cases run one after another, so a fault at any call of such
 * a row leaves exactly what a fault at its first call leaves: only the first of each row goes
 * through the plan (and is a fault point), the others straight to the CDN. That keeps this file
 * to a few dozen runs instead of some three hundred of the same few states.
 */
function casesOnce(plain: LocalEdgeCdn, counted: LocalEdgeCdn): LocalEdgeCdn {
  let inRow = false;
  return new Proxy(counted, {
    get: (obj, prop, receiver) => {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        const testing = prop === 'testFunction';
        const target = testing && inRow ? plain : obj;
        inRow = testing;
        return (Reflect.get(target, prop) as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

function faulty(ws: Workspace, dir: string, plan: FaultPlan): DeployService {
  const plain = new LocalEdgeCdn(dir, { invalidationDelayMs: 0 });
  const cdn = casesOnce(plain, plan.wrap(plain, 'cdn'));
  return deployOver({
    ...ws,
    data: plan.wrap(ws.data, 'data'),
    cdns: () => Promise.resolve([cdn]),
  });
}

function expectFaultReported(outcome: string, fault: Fault | null, plan: FaultPlan) {
  if (!fault) expect(outcome).toBe('ok');
  if (fault?.mode === 'fail' && plan.fired) expect(outcome).toMatch(/^error: .*injected fault/);
  if (fault?.mode === 'stop' && plan.fired) expect(outcome).toBe('stopped');
}

describe('edge-function publish under deterministic faults', () => {
  for (const kind of ['create', 'update'] as const) {
    it(`${kind}: stopped or failed at any call, a re-run publishes the local code and associates it`, async () => {
      const dir = await template(kind);
      const report = await forEachFault(async (plan, fault) => {
        const { ws, dir: runDir, edge, stop } = await world(dir);
        try {
          const outcome = await settleOrAbandon(
            faulty(ws, runDir, plan)
              .publishEdgeFunction({ associate: true })
              .then((r) => {
                if (!r.tests.every((t) => t.ok)) throw new Error(r.message);
              }),
            plan,
          );
          expectFaultReported(outcome, fault, plan);

          // After the fault: LIVE is the old function or ours, whole; nothing else.
          const cdn = new LocalEdgeCdn(runDir);
          const live = await cdn.getFunctionCode(ws.functionName, 'LIVE');
          const expectedLive = kind === 'create' ? [null, local] : [OLD_CODE, local];
          expect(expectedLive).toContain(live?.code ?? null);

          const d = deployOver(ws);
          const rerun = await d.publishEdgeFunction({ associate: true });
          expect(rerun.tests.length).toBeGreaterThan(0);
          expect(rerun.tests.filter((t) => !t.ok)).toEqual([]);
          expect(rerun.associations).toEqual([{ distributionId: 'SANDBOX', associated: true }]);
          expect((await cdn.getFunctionCode(ws.functionName, 'LIVE'))?.code).toBe(local);
          // The report's stages are inspectFunction's, read after the publish; asking again
          // runs every case once more (~60 ms here), so that is done on the clean run only.
          const inspected = fault ? rerun : await d.inspectEdgeFunction();
          expect(inspected).toMatchObject({
            development: { matchesLocal: true },
            live: { matchesLocal: true },
            diff: '',
          });
          expect(inspected.tests.filter((t) => !t.ok)).toEqual([]);
          // The running edge reloaded it: a tracking link reaches the track page.
          const page = await fetch(`${edge.url}/track/${TOKEN}`);
          expect(page.status).toBe(200);
          expect(await page.text()).toContain('track v1');
        } finally {
          await stop();
        }
      });
      console.log(coverageLine(`edge function ${kind}`, report));
      expect(report.calls).toBeGreaterThan(5);
    }, 120_000);
  }
});
