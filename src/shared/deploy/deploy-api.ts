/**
 * The deploy part of the contract (docs/operations.md): calls the console's Deploy panel makes, and
 * the progress events main sends back while they run. `qdn deploy …` prints the same shapes.
 */

/** One file of a site target, as the pipeline compares it. */
export interface SiteFile {
  key: string;
  /** Quoted MD5 of the bytes (S3's ETag for a single-part upload). */
  etag: string;
  size: number;
}

export interface SiteTargetSummary {
  /** Build id of the site in this target (from `api/health.json`), null before any. */
  buildId: string | null;
  files: number;
  location: string;
}

export interface DeployStatus {
  mode: 'sandbox' | 'aws';
  /** The site on this machine (`npm run build`), which Stage uploads. */
  built: { buildId: string | null; dir: string };
  staging: SiteTargetSummary;
  prod: SiteTargetSummary & { releaseId: string | null };
  /** What a promote would do now. */
  pending: { changed: number; added: number; removed: number };
  /**
   * True when prod serves exactly what staging holds and the edge is fresh: nothing to copy,
   * nothing owed an invalidation, no operation unfinished, staging not half-uploaded.
   */
  prodCurrent: boolean;
  /** Invalidations started that had not completed when last seen. */
  pendingInvalidations: InvalidationReport[];
  /**
   * Prod keys whose bytes changed since their last completed invalidation: the edge may still
   * serve the old ones until an invalidation completes.
   */
  owed: string[];
  /** Assets a prune removed from the release, deleted once nothing is owed. */
  pruneLater: string[];
  /** A promote or rollback that stopped midway (or runs elsewhere now). */
  unfinished: UnfinishedOperation | null;
  /** A stage that did not finish: staging is half-uploaded until staged again. */
  halfStaged: { runId: string; buildId: string | null; at: string } | null;
  /** Records that could not be read, each named with its file (skipped, never blocking). */
  problems: string[];
  /** What this status check finished or could not do, in plain words. */
  notes: string[];
  lastDeploy: DeployHistoryEntry | null;
}

export interface UnfinishedOperation {
  runId: string;
  action: 'promote' | 'rollback';
  by: string;
  at: string;
  /** Still running on another laptop (or this one), so left alone for now. */
  underWay: boolean;
}

export interface StageResult {
  runId: string;
  buildId: string | null;
  uploaded: string[];
  unchanged: string[];
  /** Files staging held that the build no longer has. */
  removed: string[];
}

/** What a promote would change in prod. `id` fingerprints both sides: a promote quotes it. */
export interface PromotePlan {
  id: string;
  buildId: string | null;
  changed: string[];
  added: string[];
  /** In prod but no longer in staging: kept unless the promote prunes. */
  removed: string[];
  unchanged: string[];
  /** The paths a promote of this plan invalidates on every distribution. */
  invalidationPaths: string[];
}

export interface InvalidationReport {
  distributionId: string;
  id: string;
  status: 'InProgress' | 'Completed';
  paths: string[];
}

/** One check through the public URL: what was asked, what was expected, what was seen. */
export interface PublicCheck {
  name: string;
  url: string;
  ok: boolean;
  expected: string;
  saw: string;
}

export interface DeployReport {
  runId: string;
  action: 'promote' | 'rollback';
  ok: boolean;
  /** The release prod now holds (null when nothing was written). */
  releaseId: string | null;
  plan: PromotePlan;
  copied: string[];
  pruned: string[];
  invalidations: InvalidationReport[];
  checks: PublicCheck[];
  /** Steps that did not run or did not finish, said in words (e.g. invalidation skipped). */
  warnings: string[];
}

export interface ReleaseSummary {
  id: string;
  buildId: string | null;
  createdAt: string;
  by: string;
  files: number;
  /** Set when this release was made by rolling back to an earlier one. */
  rolledBackTo: string | null;
  current: boolean;
}

export interface EdgeFunctionTestCase {
  name: string;
  ok: boolean;
  expected: string;
  actual: string;
}

export interface EdgeFunctionReport {
  name: string;
  /** Each stage's ETag, and whether its code is the code in site/edge/ (null: stage missing). */
  development: { etag: string; matchesLocal: boolean } | null;
  live: { etag: string; matchesLocal: boolean } | null;
  /** Unified diff from LIVE (or nothing) to the local code; empty when they match. */
  diff: string;
  tests: EdgeFunctionTestCase[];
  published: boolean;
  associations: { distributionId: string; associated: boolean }[];
  message: string;
}

export const LINK_LAYERS = [
  'token',
  'status_document',
  'edge_rewrite',
  'page',
  'token_reading',
] as const;
export type LinkLayer = (typeof LINK_LAYERS)[number];

export const LINK_FIXES = [
  'republish_document',
  'invalidate',
  'promote',
  'publish_function',
] as const;
export type LinkFix = (typeof LINK_FIXES)[number];

export interface LinkLayerCheck {
  layer: LinkLayer;
  ok: boolean;
  /** In a dispatcher's words, what holds or what to do: "Mark’s page is out of date on the website." */
  summary: string;
  /** In an engineer's words, what was checked: "Prod’s status document is out of date with jobs.json." */
  detail: string;
  /** What repairs this layer, when the console can do it. */
  fix: LinkFix | null;
}

export interface LinkDoctorReport {
  jobId: string;
  trackingUrl: string | null;
  layers: LinkLayerCheck[];
  /** The first layer at fault, customer-side first; null when the link works end to end. */
  fault: LinkLayer | null;
}

export type DeployAction =
  'stage' | 'promote' | 'invalidate' | 'verify' | 'rollback' | 'function' | 'doctor';

/** One line of the deploy history (`deploys/` in the data bucket). */
export interface DeployHistoryEntry {
  id: string;
  action: DeployAction;
  at: string;
  by: string;
  ok: boolean;
  summary: string;
  releaseId: string | null;
  invalidations: InvalidationReport[];
  /** The action's full report, as it was printed. */
  details: unknown;
}

/** Live progress of a running deploy action (main → renderer). */
export interface DeployProgress {
  runId: string;
  action: DeployAction;
  step: string;
  state: 'running' | 'done' | 'failed' | 'skipped';
  message: string;
  done?: number;
  total?: number;
}

export interface PromoteOptions {
  /** The plan the dispatcher confirmed; the promote stops if the plan has changed since. */
  planId: string;
  invalidate: boolean;
  prune: boolean;
}

export interface DeployApi {
  getDeployStatus(): Promise<DeployStatus>;
  /** Uploads the site built on this machine to staging (changed files only). */
  stageSite(): Promise<StageResult>;
  planPromote(): Promise<PromotePlan>;
  promote(options: PromoteOptions): Promise<DeployReport>;
  invalidateProd(paths: string[]): Promise<InvalidationReport[]>;
  verifyProd(): Promise<PublicCheck[]>;
  listReleases(): Promise<ReleaseSummary[]>;
  rollback(releaseId: string): Promise<DeployReport>;
  inspectEdgeFunction(): Promise<EdgeFunctionReport>;
  publishEdgeFunction(options: { associate: boolean }): Promise<EdgeFunctionReport>;
  runLinkDoctor(jobId: string): Promise<LinkDoctorReport>;
  applyLinkFix(jobId: string, fix: LinkFix): Promise<LinkDoctorReport>;
  listDeployHistory(): Promise<DeployHistoryEntry[]>;
}

export const DEPLOY_METHODS = [
  'getDeployStatus',
  'stageSite',
  'planPromote',
  'promote',
  'invalidateProd',
  'verifyProd',
  'listReleases',
  'rollback',
  'inspectEdgeFunction',
  'publishEdgeFunction',
  'runLinkDoctor',
  'applyLinkFix',
  'listDeployHistory',
] as const satisfies readonly (keyof DeployApi)[];

/** Events main sends the renderer while deploy actions run. */
export interface DeployEvents {
  deployProgress: DeployProgress;
}
