import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type {
  DeployHistoryEntry,
  DeployProgress,
  DeployReport,
  DeployStatus,
  LinkDoctorReport,
  PromotePlan,
} from '../../src/shared/deploy/deploy-api';
import { applyProgress } from '../../src/renderer/src/deploy/deploy-progress';

// The store talks to window.qdn only: a stand-in records its calls and answers as the bridge
// does (a CallResult per call), and hands the test the deployProgress listener it was given.
type Call = ReturnType<typeof vi.fn<(...args: unknown[]) => Promise<CallResult>>>;
const methods = [
  'getDeployStatus',
  'stageSite',
  'planPromote',
  'promote',
  'listReleases',
  'rollback',
  'inspectEdgeFunction',
  'publishEdgeFunction',
  'runLinkDoctor',
  'applyLinkFix',
  'listDeployHistory',
] as const;
let qdn: Record<(typeof methods)[number], Call>;
let progressListeners: ((payload: DeployProgress) => void)[];

const ok = (value: unknown): CallResult => ({ ok: true, value });
const notYet: CallResult = {
  ok: false,
  error: { code: 'internal', message: 'Deploys are being built.' },
};

const status = (prodCurrent: boolean): DeployStatus => ({
  mode: 'sandbox',
  built: { buildId: 'b2', dir: '/out/site' },
  staging: { buildId: 'b2', files: 12, location: 'staging' },
  prod: { buildId: prodCurrent ? 'b2' : 'b1', files: 12, location: 'prod', releaseId: 'r1' },
  pending: prodCurrent
    ? { changed: 0, added: 0, removed: 0 }
    : { changed: 2, added: 1, removed: 0 },
  prodCurrent,
  pendingInvalidations: [],
  owed: [],
  pruneLater: [],
  unfinished: null,
  halfStaged: null,
  problems: [],
  notes: [],
  lastDeploy: null,
});
const plan: PromotePlan = {
  id: 'plan-1',
  buildId: 'b2',
  changed: ['track.html', 'assets/app.js'],
  added: ['assets/new.css'],
  removed: [],
  unchanged: ['book.html'],
  invalidationPaths: ['/track.html', '/track/*'],
};
const report: DeployReport = {
  runId: 'run-1',
  action: 'promote',
  ok: true,
  releaseId: 'r2',
  plan,
  copied: ['assets/app.js', 'assets/new.css', 'track.html'],
  pruned: [],
  invalidations: [],
  checks: [],
  warnings: [],
};
const step = (over: Partial<DeployProgress>): DeployProgress => ({
  runId: 'run-1',
  action: 'promote',
  step: 'copy',
  state: 'running',
  message: '',
  ...over,
});

function later<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { promise, answer };
}

beforeEach(() => {
  vi.resetModules();
  progressListeners = [];
  qdn = Object.fromEntries(
    methods.map((m) => [m, vi.fn<(...args: unknown[]) => Promise<CallResult>>()]),
  ) as typeof qdn;
  for (const m of methods) qdn[m].mockResolvedValue(notYet);
  const onEvent = vi.fn((name: string, listener: (payload: DeployProgress) => void) => {
    expect(name).toBe('deployProgress');
    progressListeners.push(listener);
    return () => progressListeners.splice(progressListeners.indexOf(listener), 1);
  });
  vi.stubGlobal('window', { qdn: { ...qdn, onEvent } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

const load = async () =>
  (await import('../../src/renderer/src/deploy/deploy-store')).useDeployStore;

describe('deploy store', () => {
  it('says whether prod is current, and says in words why it cannot tell', async () => {
    const store = await load();
    await store.getState().loadStatus();
    expect(store.getState().errors.status).toBe('Deploys are being built.');
    expect(store.getState().status).toBeNull();
    qdn.getDeployStatus.mockResolvedValueOnce(ok(status(false)));
    await store.getState().loadStatus();
    expect(store.getState().status?.prodCurrent).toBe(false);
    expect(store.getState().errors.status).toBeUndefined();
  });

  it('promotes exactly the plan the dispatcher read, with the options chosen, then re-reads', async () => {
    const store = await load();
    qdn.planPromote.mockResolvedValueOnce(ok(plan));
    await store.getState().planPromote();
    expect(store.getState()).toMatchObject({ plan, invalidate: true, prune: false });

    store.getState().setPromoteOption('prune', true);
    qdn.promote.mockResolvedValueOnce(ok(report));
    qdn.getDeployStatus.mockResolvedValue(ok(status(true)));
    await store.getState().promote();

    expect(qdn.promote).toHaveBeenCalledExactlyOnceWith({
      planId: 'plan-1',
      invalidate: true,
      prune: true,
    });
    expect(store.getState()).toMatchObject({ report, plan: null });
    expect(store.getState().status?.prodCurrent).toBe(true);
    expect(qdn.listReleases).toHaveBeenCalled();
    expect(qdn.listDeployHistory).toHaveBeenCalled();
  });

  it('keeps the plan on screen with the error when a promote fails', async () => {
    const store = await load();
    qdn.planPromote.mockResolvedValueOnce(ok(plan));
    await store.getState().planPromote();
    qdn.promote.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: 'Staging changed since the plan: plan again.' },
    });
    await store.getState().promote();
    expect(store.getState().plan).toEqual(plan);
    expect(store.getState().errors.promote).toBe('Staging changed since the plan: plan again.');
    expect(store.getState().busy.promote).toBe(false);
  });

  it('runs one change at a time: while staging runs, promote and rollback are not sent', async () => {
    const store = await load();
    qdn.planPromote.mockResolvedValueOnce(ok(plan));
    await store.getState().planPromote();
    const staged = later<CallResult>();
    qdn.stageSite.mockReturnValueOnce(staged.promise);
    const staging = store.getState().stage();
    expect(store.getState().busy.stage).toBe(true);
    await store.getState().promote();
    await store.getState().rollback('r0');
    expect(qdn.promote).not.toHaveBeenCalled();
    expect(qdn.rollback).not.toHaveBeenCalled();
    staged.answer(ok({ runId: 's', buildId: 'b2', uploaded: ['track.html'], unchanged: [] }));
    await staging;
    expect(store.getState().busy.stage).toBe(false);
    // A new stage changes what a promote would do: the old plan is gone.
    expect(store.getState().plan).toBeNull();
    expect(store.getState().stageResult?.uploaded).toEqual(['track.html']);
  });

  it('shows every step of a run live, updating each step in place', async () => {
    const store = await load();
    const stop = store.getState().listen();
    progressListeners[0]!(step({ step: 'copy', done: 1, total: 3 }));
    progressListeners[0]!(step({ step: 'copy', done: 3, total: 3, state: 'done' }));
    progressListeners[0]!(step({ step: 'invalidate', message: 'Waiting for the CDN' }));
    expect(store.getState().run).toMatchObject({
      runId: 'run-1',
      action: 'promote',
      steps: [
        { step: 'copy', state: 'done', done: 3 },
        { step: 'invalidate', state: 'running', message: 'Waiting for the CDN' },
      ],
    });
    progressListeners[0]!(step({ runId: 'run-2', action: 'rollback', step: 'copy' }));
    expect(store.getState().run?.steps).toHaveLength(1);
    expect(store.getState().run?.action).toBe('rollback');
    stop();
    expect(progressListeners).toHaveLength(0);
  });

  it('lists the history newest first', async () => {
    const store = await load();
    const entry = (id: string, at: string): DeployHistoryEntry => ({
      id,
      action: 'promote',
      at,
      by: 'dispatcher',
      ok: true,
      summary: '',
      releaseId: null,
      invalidations: [],
      details: null,
    });
    qdn.listDeployHistory.mockResolvedValueOnce(
      ok([entry('a', '2026-11-27T18:00:00Z'), entry('b', '2026-11-28T09:00:00Z')]),
    );
    await store.getState().loadHistory();
    expect(store.getState().history?.map((h) => h.id)).toEqual(['b', 'a']);
  });

  it('opens the link doctor for a job from its card and applies the fix for that job', async () => {
    const store = await load();
    const broken: LinkDoctorReport = {
      jobId: 'fcdc1c82cb284dbe',
      trackingUrl: 'http://127.0.0.1:8787/track/abc',
      layers: [
        {
          layer: 'token',
          ok: true,
          summary: 'Mark’s link is switched on.',
          detail: 'live',
          fix: null,
        },
        {
          layer: 'status_document',
          ok: false,
          summary: 'Mark’s page is missing from the website.',
          detail: '404 on prod',
          fix: 'republish_document',
        },
      ],
      fault: 'status_document',
    };
    qdn.runLinkDoctor.mockResolvedValueOnce(ok(broken));
    store.getState().openLinkDoctor('fcdc1c82cb284dbe');
    expect(store.getState()).toMatchObject({ open: true, doctorJobId: 'fcdc1c82cb284dbe' });
    await vi.waitFor(() => expect(store.getState().doctor).toEqual(broken));
    expect(qdn.runLinkDoctor).toHaveBeenCalledWith('fcdc1c82cb284dbe');

    qdn.applyLinkFix.mockResolvedValueOnce(ok({ ...broken, fault: null, layers: [] }));
    await store.getState().applyFix('republish_document');
    expect(qdn.applyLinkFix).toHaveBeenCalledExactlyOnceWith(
      'fcdc1c82cb284dbe',
      'republish_document',
    );
    expect(store.getState().doctor?.fault).toBeNull();
  });

  it('publishes the edge function with or without the association, as asked', async () => {
    const store = await load();
    qdn.publishEdgeFunction.mockResolvedValueOnce(notYet);
    await store.getState().publishEdge(true);
    expect(qdn.publishEdgeFunction).toHaveBeenCalledWith({ associate: true });
    expect(store.getState().errors.publish).toBe('Deploys are being built.');
    expect(store.getState().edge).toBeNull();
  });

  it('rolls back to the release chosen and shows its report', async () => {
    const store = await load();
    qdn.rollback.mockResolvedValueOnce(ok({ ...report, action: 'rollback', releaseId: 'r3' }));
    await store.getState().rollback('r1');
    expect(qdn.rollback).toHaveBeenCalledExactlyOnceWith('r1');
    expect(store.getState().report?.action).toBe('rollback');
  });
});

describe('applyProgress', () => {
  it('starts a run at its first event and keeps steps in the order they started', () => {
    let run = applyProgress(null, step({ step: 'verify' }));
    run = applyProgress(run, step({ step: 'copy' }));
    run = applyProgress(run, step({ step: 'verify', state: 'failed' }));
    expect(run.steps.map((s) => `${s.step}:${s.state}`)).toEqual(['verify:failed', 'copy:running']);
  });
});
