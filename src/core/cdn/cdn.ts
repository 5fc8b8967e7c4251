/**
 * The CDN port: one distribution (CloudFront, or the sandbox's local edge) and the viewer-request
 * function it runs. Both adapters pass the same contract suite (test/core/cdn/cdn-contract.ts),
 * so a deploy that works in the sandbox does the same calls, in the same order, on AWS.
 */

/** CloudFront Functions keep two stages: edits land in DEVELOPMENT; the edge runs LIVE. */
export type FunctionStage = 'DEVELOPMENT' | 'LIVE';

export interface InvalidationState {
  id: string;
  status: 'InProgress' | 'Completed';
  paths: string[];
  /** ISO time the CDN accepted it. */
  createdAt: string;
}

export interface EdgeFunctionInfo {
  name: string;
  /** The ETag every change must quote (IfMatch); a new one after each update or publish. */
  etag: string;
  stage: FunctionStage;
  /** The ARN the distribution's association names. */
  arn: string;
  /** e.g. UNPUBLISHED, UNASSOCIATED, DEPLOYED (CloudFront's FunctionMetadata.Status). */
  status: string;
  lastModified: string;
}

/** What TestFunction returns, parsed: CloudFront's FunctionOutput is a JSON string. */
export interface EdgeFunctionTestResult {
  /** `{ request: … }` or `{ response: … }` as the runtime returned it; null on an error. */
  output: unknown;
  error: string | null;
  /** 0–100: the share of the runtime's time budget the call used. */
  computeUtilization: number | null;
  logs: string[];
}

/** The change was made against an ETag that is no longer current: someone else changed it. */
export class StaleEtagError extends Error {
  override readonly name = 'StaleEtagError';
  constructor(readonly resource: string) {
    super(`${resource} changed since it was read (stale ETag).`);
  }
}

export interface Cdn {
  /** The distribution id (CloudFront's E…; `SANDBOX` for the local edge). */
  readonly distributionId: string;
  /** Where it points, for messages. */
  readonly location: string;

  /**
   * Starts an invalidation of `paths` (`/a/b`, or `/a/*` with `*` only at the end). The same
   * `callerReference` with the same paths returns the first invalidation, never a second one.
   */
  invalidate(paths: readonly string[], callerReference: string): Promise<InvalidationState>;
  /** The invalidation's state, polled until Completed (CloudFront takes seconds to minutes). */
  invalidationStatus(id: string): Promise<InvalidationState>;

  /** The function's metadata and ETag at `stage` (DEVELOPMENT by default); null if none. */
  describeFunction(name: string, stage?: FunctionStage): Promise<EdgeFunctionInfo | null>;
  /** The code at a stage and that stage's ETag; null when the function or stage does not exist. */
  getFunctionCode(
    name: string,
    stage: FunctionStage,
  ): Promise<{ code: string; etag: string } | null>;
  /** Creates the function in DEVELOPMENT (runtime cloudfront-js-2.0). */
  createFunction(name: string, code: string, comment: string): Promise<EdgeFunctionInfo>;
  /** Replaces DEVELOPMENT's code; `ifMatch` must be the current ETag, else StaleEtagError. */
  updateFunction(name: string, code: string, ifMatch: string): Promise<EdgeFunctionInfo>;
  /** Runs one event through the function at `stage` (DEVELOPMENT by default). */
  testFunction(
    name: string,
    ifMatch: string,
    event: unknown,
    stage?: FunctionStage,
  ): Promise<EdgeFunctionTestResult>;
  /** Copies DEVELOPMENT to LIVE; `ifMatch` must be the current ETag, else StaleEtagError. */
  publishFunction(name: string, ifMatch: string): Promise<EdgeFunctionInfo>;

  /** The ARN of the viewer-request function the distribution's default behavior runs, if any. */
  viewerRequestFunctionArn(): Promise<string | null>;
  /**
   * Makes the default behavior run `functionArn` on viewer requests
   * (GetDistributionConfig → edit → UpdateDistribution with IfMatch).
   */
  associateViewerRequest(functionArn: string): Promise<void>;
}
