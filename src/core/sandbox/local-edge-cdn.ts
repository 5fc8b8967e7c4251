import path from 'node:path';
import { QdnError } from '../../shared/errors';
import { MAX_FUNCTION_BYTES, testViewerRequest } from './edge-function';
import { listRunningEdges } from './edge-state';
import { StaleEtagError } from '../cdn/cdn';
import type {
  Cdn,
  EdgeFunctionInfo,
  EdgeFunctionTestResult,
  FunctionStage,
  InvalidationState,
} from '../cdn/cdn';
import { functionArn, functionNameOf, LocalEdgeFiles, newEtag } from './local-edge-files';
import type { FunctionRecord } from './local-edge-files';
import { notifyEdge } from './local-edge-notify';
import { LocalInvalidations } from './local-invalidations';

export interface LocalEdgeCdnOptions {
  /** How long an invalidation stays InProgress at least (CloudFront takes seconds). */
  invalidationDelayMs?: number;
}

/**
 * The sandbox's distribution as a Cdn: the same calls the deploy pipeline makes on CloudFront,
 * answered from the workspace's edge files (local-edge-files.ts) and carried out by every local
 * edge running for the workspace. Any number of instances, in any processes, may share a
 * workspace: all state is in the files.
 */
export class LocalEdgeCdn implements Cdn {
  readonly distributionId = 'SANDBOX';
  readonly location: string;
  private readonly files: LocalEdgeFiles;
  private readonly invalidations: LocalInvalidations;

  constructor(
    private readonly workspaceDir: string,
    options: LocalEdgeCdnOptions = {},
  ) {
    const dir = path.resolve(workspaceDir);
    this.location = `sandbox edge (${dir})`;
    this.files = new LocalEdgeFiles(dir);
    this.invalidations = new LocalInvalidations(
      this.files,
      dir,
      options.invalidationDelayMs ?? 1000,
    );
  }

  invalidate(paths: readonly string[], callerReference: string): Promise<InvalidationState> {
    return this.invalidations.create(paths, callerReference);
  }

  invalidationStatus(id: string): Promise<InvalidationState> {
    return this.invalidations.status(id);
  }

  async describeFunction(
    name: string,
    stage: FunctionStage = 'DEVELOPMENT',
  ): Promise<EdgeFunctionInfo | null> {
    const record = await this.files.readFunction(name);
    return record?.[stage] ? await this.infoOf(record, stage) : null;
  }

  async getFunctionCode(
    name: string,
    stage: FunctionStage,
  ): Promise<{ code: string; etag: string } | null> {
    const at = (await this.files.readFunction(name))?.[stage];
    return at ? { code: at.code, etag: at.etag } : null;
  }

  async createFunction(name: string, code: string, comment: string): Promise<EdgeFunctionInfo> {
    assertSize(code);
    const record = await this.files.withLock(async () => {
      if (await this.files.readFunction(name)) {
        throw new QdnError('conflict', `The function ${name} already exists.`);
      }
      const now = new Date().toISOString();
      const created: FunctionRecord = {
        name,
        comment,
        arn: functionArn(name),
        created: now,
        DEVELOPMENT: { code, etag: newEtag(), lastModified: now },
        LIVE: null,
      };
      await this.files.writeFunction(created);
      return created;
    });
    return this.infoOf(record, 'DEVELOPMENT');
  }

  async updateFunction(name: string, code: string, ifMatch: string): Promise<EdgeFunctionInfo> {
    assertSize(code);
    const record = await this.changeFunction(name, ifMatch, (r) => {
      r.DEVELOPMENT = { code, etag: newEtag(), lastModified: new Date().toISOString() };
    });
    return this.infoOf(record, 'DEVELOPMENT');
  }

  async testFunction(
    name: string,
    ifMatch: string,
    event: unknown,
    stage: FunctionStage = 'DEVELOPMENT',
  ): Promise<EdgeFunctionTestResult> {
    const record = await this.files.readFunction(name);
    if (!record) throw new QdnError('not_found', `No function ${name} on the sandbox edge.`);
    const at = record[stage];
    if (!at) throw new QdnError('not_found', `The function ${name} has no ${stage} stage.`);
    if (at.etag !== ifMatch) throw new StaleEtagError(`Function ${name} (${stage})`);
    return testViewerRequest(at.code, event);
  }

  async publishFunction(name: string, ifMatch: string): Promise<EdgeFunctionInfo> {
    const record = await this.changeFunction(name, ifMatch, (r) => {
      const now = new Date().toISOString();
      r.LIVE = { code: r.DEVELOPMENT.code, etag: newEtag(), lastModified: now };
      // As CloudFront: DEVELOPMENT's ETag moves too, so read it again before the next update.
      r.DEVELOPMENT = { ...r.DEVELOPMENT, etag: newEtag() };
    });
    await this.reloadEdges();
    return this.infoOf(record, 'LIVE');
  }

  async viewerRequestFunctionArn(): Promise<string | null> {
    return (await this.files.readDistribution()).viewer_request_function_arn;
  }

  async associateViewerRequest(arn: string): Promise<void> {
    await this.files.withLock(async () => {
      const name = functionNameOf(arn);
      const record = name ? await this.files.readFunction(name) : null;
      if (!record) throw new QdnError('not_found', `No function ${arn} on the sandbox edge.`);
      if (!record.LIVE) {
        throw new QdnError('conflict', `${record.name} is not published; publish it first.`);
      }
      await this.files.writeDistribution({ viewer_request_function_arn: record.arn });
    });
    await this.reloadEdges();
  }

  /** Every running edge of the workspace picks up the function files again. */
  private async reloadEdges(): Promise<void> {
    const edges = await listRunningEdges(this.workspaceDir);
    await Promise.all(edges.map((edge) => notifyEdge(edge, 'reload')));
  }

  private async changeFunction(
    name: string,
    ifMatch: string,
    change: (record: FunctionRecord) => void,
  ): Promise<FunctionRecord> {
    return this.files.withLock(async () => {
      const record = await this.files.readFunction(name);
      if (!record) throw new QdnError('not_found', `No function ${name} on the sandbox edge.`);
      if (record.DEVELOPMENT.etag !== ifMatch) throw new StaleEtagError(`Function ${name}`);
      change(record);
      await this.files.writeFunction(record);
      return record;
    });
  }

  private async infoOf(record: FunctionRecord, stage: FunctionStage): Promise<EdgeFunctionInfo> {
    const at = record[stage];
    if (!at) throw new QdnError('not_found', `The function ${record.name} has no ${stage} stage.`);
    const associated = (await this.viewerRequestFunctionArn()) === record.arn;
    const status = !record.LIVE ? 'UNPUBLISHED' : associated ? 'DEPLOYED' : 'UNASSOCIATED';
    return {
      name: record.name,
      etag: at.etag,
      stage,
      arn: record.arn,
      status,
      lastModified: at.lastModified,
    };
  }
}

/** CloudFront refuses a function over 10 KB at create/update (FunctionSizeLimitExceeded). */
function assertSize(code: string): void {
  const size = Buffer.byteLength(code, 'utf8');
  if (size > MAX_FUNCTION_BYTES) {
    throw new QdnError(
      'bad_request',
      `The function is ${size.toLocaleString('en-US')} bytes; CloudFront Functions take at most ${MAX_FUNCTION_BYTES.toLocaleString('en-US')} bytes (10 KB).`,
    );
  }
}
