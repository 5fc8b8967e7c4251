import { create } from 'zustand';
import { qdn } from '../qdn';
import type {
  DeployHistoryEntry,
  DeployReport,
  DeployStatus,
  EdgeFunctionReport,
  InvalidationReport,
  LinkDoctorReport,
  LinkFix,
  PromotePlan,
  PublicCheck,
  ReleaseSummary,
  StageResult,
} from '../../../shared/deploy/deploy-api';
import { createTaskRunner, idleTasks } from '../stores/task-runner';
import type { TaskState } from '../stores/task-runner';
import { applyProgress } from './deploy-progress';
import type { ProgressRun } from './deploy-progress';

/** Each thing the panel asks core for: its own busy flag and its own error line. */
export type DeployTask =
  | 'status'
  | 'stage'
  | 'plan'
  | 'promote'
  | 'invalidate'
  | 'verify'
  | 'releases'
  | 'rollback'
  | 'edge'
  | 'publish'
  | 'doctor'
  | 'fix'
  | 'history';

/** Tasks that change staging, prod or the CDN: one at a time, never two at once. */
export const CHANGING_TASKS = [
  'stage',
  'promote',
  'invalidate',
  'rollback',
  'publish',
  'fix',
] as const;

interface DeployState extends TaskState<DeployTask> {
  /** Whether the Deploy sheet is open. */
  open: boolean;
  status: DeployStatus | null;
  stageResult: StageResult | null;
  /** The plan on screen, waiting for the dispatcher's one confirmation. */
  plan: PromotePlan | null;
  invalidate: boolean;
  prune: boolean;
  /** The steps of the deploy that runs (or ran last), from deployProgress events. */
  run: ProgressRun | null;
  /** The last promote's or rollback's report. */
  report: DeployReport | null;
  /** The last invalidation started from the panel, and the last check of the public URL. */
  invalidations: InvalidationReport[] | null;
  checks: PublicCheck[] | null;
  releases: ReleaseSummary[] | null;
  edge: EdgeFunctionReport | null;
  doctorJobId: string;
  doctor: LinkDoctorReport | null;
  history: DeployHistoryEntry[] | null;
  openSheet: () => void;
  closeSheet: () => void;
  /** Opens the sheet on the link doctor for one job and runs it (a job card's action). */
  openLinkDoctor: (jobId: string) => void;
  /** Listens to deploy progress; returns the function that stops listening. */
  listen: () => () => void;
  loadStatus: () => Promise<void>;
  stage: () => Promise<void>;
  planPromote: () => Promise<void>;
  setPromoteOption: (option: 'invalidate' | 'prune', value: boolean) => void;
  dropPlan: () => void;
  promote: () => Promise<void>;
  /** Invalidates every page route on every distribution (after a promote without one). */
  invalidateAll: () => Promise<void>;
  verify: () => Promise<void>;
  loadReleases: () => Promise<void>;
  rollback: (releaseId: string) => Promise<void>;
  inspectEdge: () => Promise<void>;
  publishEdge: (associate: boolean) => Promise<void>;
  setDoctorJobId: (jobId: string) => void;
  runDoctor: () => Promise<void>;
  applyFix: (fix: LinkFix) => Promise<void>;
  loadHistory: () => Promise<void>;
}

/** Whether a change (stage, promote, rollback, publish, fix) is running. */
export const selectChanging = (s: Pick<DeployState, 'busy'>): boolean =>
  CHANGING_TASKS.some((task) => s.busy[task]);

/** The Deploy panel: its actions are the only callers of qdn for deploys. */
export const useDeployStore = create<DeployState>()((set, get) => {
  // One task at a time, and no change while another change runs.
  const { run: task } = createTaskRunner<DeployTask>(set, get, {
    refuse: (key, s) =>
      Boolean(s.busy[key]) ||
      ((CHANGING_TASKS as readonly DeployTask[]).includes(key) && selectChanging(s)),
  });
  /** After a change, what the panel shows of staging, prod and their history is re-read. */
  const reread = () =>
    Promise.all([get().loadStatus(), get().loadReleases(), get().loadHistory()]).then(() => {});

  return {
    open: false,
    status: null,
    stageResult: null,
    plan: null,
    invalidate: true,
    prune: false,
    run: null,
    report: null,
    invalidations: null,
    checks: null,
    releases: null,
    edge: null,
    doctorJobId: '',
    doctor: null,
    history: null,
    ...idleTasks<DeployTask>(),
    openSheet() {
      set({ open: true });
      void reread();
    },
    closeSheet() {
      set({ open: false });
    },
    openLinkDoctor(jobId) {
      set({ doctorJobId: jobId, doctor: null });
      get().openSheet();
      void get().runDoctor();
    },
    listen() {
      return qdn.onEvent('deployProgress', (event) =>
        set((s) => ({ run: applyProgress(s.run, event) })),
      );
    },
    async loadStatus() {
      const status = await task('status', () => qdn.getDeployStatus());
      if (status) set({ status });
    },
    async stage() {
      const stageResult = await task('stage', () => qdn.stageSite());
      if (!stageResult) return;
      // What a promote would do has changed: a plan made before is stale.
      set({ stageResult, plan: null });
      await reread();
    },
    async planPromote() {
      set({ plan: null });
      const plan = await task('plan', () => qdn.planPromote());
      if (plan) set({ plan });
    },
    setPromoteOption(option, value) {
      set({ [option]: value } as Pick<DeployState, typeof option>);
    },
    dropPlan() {
      set({ plan: null });
    },
    async promote() {
      const { plan, invalidate, prune } = get();
      if (!plan) return;
      set({ report: null, run: null });
      const report = await task('promote', () =>
        qdn.promote({ planId: plan.id, invalidate, prune }),
      );
      // A failed promote keeps its plan on screen, with the error beside it, to plan again.
      if (!report) return;
      set({ report, plan: null });
      await reread();
    },
    async invalidateAll() {
      set({ invalidations: null, run: null });
      const invalidations = await task('invalidate', () => qdn.invalidateProd([]));
      if (!invalidations) return;
      set({ invalidations });
      await reread();
    },
    async verify() {
      set({ checks: null });
      const checks = await task('verify', () => qdn.verifyProd());
      if (checks) set({ checks });
      await get().loadHistory();
    },
    async loadReleases() {
      const releases = await task('releases', () => qdn.listReleases());
      if (releases) set({ releases });
    },
    async rollback(releaseId) {
      set({ report: null, run: null });
      const report = await task('rollback', () => qdn.rollback(releaseId));
      if (!report) return;
      set({ report, plan: null });
      await reread();
    },
    async inspectEdge() {
      const edge = await task('edge', () => qdn.inspectEdgeFunction());
      if (edge) set({ edge });
    },
    async publishEdge(associate) {
      const edge = await task('publish', () => qdn.publishEdgeFunction({ associate }));
      if (!edge) return;
      set({ edge });
      await get().loadHistory();
    },
    setDoctorJobId(jobId) {
      set({ doctorJobId: jobId });
    },
    async runDoctor() {
      const jobId = get().doctorJobId.trim();
      if (!jobId) return;
      const doctor = await task('doctor', () => qdn.runLinkDoctor(jobId));
      if (doctor) set({ doctor });
    },
    async applyFix(fix) {
      const jobId = get().doctor?.jobId;
      if (!jobId) return;
      const doctor = await task('fix', () => qdn.applyLinkFix(jobId, fix));
      if (!doctor) return;
      set({ doctor });
      await reread();
    },
    async loadHistory() {
      const history = await task('history', () => qdn.listDeployHistory());
      // Newest first, whatever order the store lists them in.
      if (history) set({ history: [...history].sort((a, b) => b.at.localeCompare(a.at)) });
    },
  };
});
