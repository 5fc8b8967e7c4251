import {
  CloudFrontClient,
  CreateFunctionCommand,
  CreateInvalidationCommand,
  DescribeFunctionCommand,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  GetInvalidationCommand,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateDistributionCommand,
  UpdateFunctionCommand,
} from '@aws-sdk/client-cloudfront';
import type {
  CloudFrontClientConfig,
  FunctionAssociation,
  FunctionSummary,
  Invalidation,
  TestResult,
} from '@aws-sdk/client-cloudfront';
import { StaleEtagError } from './cdn';
import { assertInvalidationPaths } from './invalidation-limits';
import type {
  Cdn,
  EdgeFunctionInfo,
  EdgeFunctionTestResult,
  FunctionStage,
  InvalidationState,
} from './cdn';

const RUNTIME = 'cloudfront-js-2.0';

/** A CloudFront client; CloudFront is a global service whose API lives in us-east-1. */
export function createCloudFrontClient(settings: {
  region?: string;
  credentials?: CloudFrontClientConfig['credentials'];
}): CloudFrontClient {
  return new CloudFrontClient({
    region: settings.region ?? 'us-east-1',
    credentials: settings.credentials,
  });
}

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as { name?: string }).name : undefined;
}

/** The call, with CloudFront's stale-IfMatch refusal (PreconditionFailed, 412) as StaleEtagError. */
async function staleAs<T>(resource: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (errorName(err) === 'PreconditionFailed' || status === 412) {
      throw new StaleEtagError(resource);
    }
    throw err;
  }
}

/** The call's output, or null when the function (or the asked stage of it) does not exist. */
async function orNull<T>(send: () => Promise<T>): Promise<T | null> {
  try {
    return await send();
  } catch (err) {
    // An unpublished function has no LIVE stage: CloudFront answers NoSuchFunctionExists too.
    if (errorName(err) === 'NoSuchFunctionExists') return null;
    throw err;
  }
}

function toInvalidationState(inv: Invalidation | undefined, sent: readonly string[]) {
  if (!inv?.Id) throw new Error('CloudFront returned no invalidation.');
  const state: InvalidationState = {
    id: inv.Id,
    status: inv.Status === 'Completed' ? 'Completed' : 'InProgress',
    paths: inv.InvalidationBatch?.Paths?.Items ?? [...sent],
    createdAt: inv.CreateTime?.toISOString() ?? '',
  };
  return state;
}

function toInfo(
  name: string,
  summary: FunctionSummary | undefined,
  etag: string | undefined,
  stage: FunctionStage,
): EdgeFunctionInfo {
  const meta = summary?.FunctionMetadata;
  if (!etag || !meta?.FunctionARN) {
    throw new Error(`CloudFront returned no ETag or ARN for function "${name}".`);
  }
  return {
    name: summary?.Name ?? name,
    etag,
    stage: meta.Stage ?? stage,
    arn: meta.FunctionARN,
    status: summary?.Status ?? '',
    lastModified: meta.LastModifiedTime?.toISOString() ?? '',
  };
}

/** TestFunction's result as the port reports it: output parsed, empty strings as null. */
function toTestResult(result: TestResult): EdgeFunctionTestResult {
  const error = result.FunctionErrorMessage ? result.FunctionErrorMessage : null;
  let output: unknown = null;
  if (!error && result.FunctionOutput) {
    try {
      output = JSON.parse(result.FunctionOutput);
    } catch {
      output = result.FunctionOutput; // Keep what CloudFront said rather than lose it.
    }
  }
  const utilization = result.ComputeUtilization ? Number(result.ComputeUtilization) : NaN;
  return {
    output,
    error,
    computeUtilization: Number.isFinite(utilization) ? utilization : null,
    logs: result.FunctionExecutionLogs ?? [],
  };
}

/** The Cdn port on one CloudFront distribution and its CloudFront Functions. */
export class CloudFrontCdn implements Cdn {
  readonly location: string;

  constructor(
    private readonly client: CloudFrontClient,
    readonly distributionId: string,
  ) {
    this.location = `cloudfront:${distributionId}`;
  }

  async invalidate(paths: readonly string[], callerReference: string): Promise<InvalidationState> {
    assertInvalidationPaths(paths);
    if (!callerReference) throw new Error('An invalidation needs a caller reference.');
    try {
      const out = await this.client.send(
        new CreateInvalidationCommand({
          DistributionId: this.distributionId,
          InvalidationBatch: {
            CallerReference: callerReference,
            Paths: { Quantity: paths.length, Items: [...paths] },
          },
        }),
      );
      return toInvalidationState(out.Invalidation, paths);
    } catch (err) {
      // Not a modelled error class in the SDK, so it arrives as a generic service error by name.
      if (errorName(err) === 'InvalidationBatchAlreadyExists') {
        throw new Error(
          `Caller reference "${callerReference}" was already used on ${this.location} for other paths; an invalidation of new paths needs a new caller reference.`,
          { cause: err },
        );
      }
      throw err;
    }
  }

  async invalidationStatus(id: string): Promise<InvalidationState> {
    const out = await this.client.send(
      new GetInvalidationCommand({ DistributionId: this.distributionId, Id: id }),
    );
    return toInvalidationState(out.Invalidation, []);
  }

  async describeFunction(
    name: string,
    stage: FunctionStage = 'DEVELOPMENT',
  ): Promise<EdgeFunctionInfo | null> {
    const out = await orNull(() =>
      this.client.send(new DescribeFunctionCommand({ Name: name, Stage: stage })),
    );
    return out && toInfo(name, out.FunctionSummary, out.ETag, stage);
  }

  async getFunctionCode(
    name: string,
    stage: FunctionStage,
  ): Promise<{ code: string; etag: string } | null> {
    const out = await orNull(() =>
      this.client.send(new GetFunctionCommand({ Name: name, Stage: stage })),
    );
    if (!out) return null;
    const code = Buffer.from(out.FunctionCode ?? new Uint8Array()).toString('utf8');
    return { code, etag: out.ETag ?? '' };
  }

  async createFunction(name: string, code: string, comment: string): Promise<EdgeFunctionInfo> {
    const out = await this.client.send(
      new CreateFunctionCommand({
        Name: name,
        FunctionConfig: { Comment: comment, Runtime: RUNTIME },
        FunctionCode: Buffer.from(code, 'utf8'),
      }),
    );
    return toInfo(name, out.FunctionSummary, out.ETag, 'DEVELOPMENT');
  }

  async updateFunction(name: string, code: string, ifMatch: string): Promise<EdgeFunctionInfo> {
    // UpdateFunction replaces the whole FunctionConfig: read the current one first so the comment
    // (and any KeyValueStore association) survives a code change. A change in between is caught
    // by IfMatch anyway.
    const current = await this.client.send(
      new DescribeFunctionCommand({ Name: name, Stage: 'DEVELOPMENT' }),
    );
    const config = current.FunctionSummary?.FunctionConfig;
    const out = await staleAs(`CloudFront function "${name}"`, () =>
      this.client.send(
        new UpdateFunctionCommand({
          Name: name,
          IfMatch: ifMatch,
          FunctionConfig: { ...config, Comment: config?.Comment ?? '', Runtime: RUNTIME },
          FunctionCode: Buffer.from(code, 'utf8'),
        }),
      ),
    );
    return toInfo(name, out.FunctionSummary, out.ETag, 'DEVELOPMENT');
  }

  async testFunction(
    name: string,
    ifMatch: string,
    event: unknown,
    stage: FunctionStage = 'DEVELOPMENT',
  ): Promise<EdgeFunctionTestResult> {
    const out = await staleAs(`CloudFront function "${name}"`, () =>
      this.client.send(
        new TestFunctionCommand({
          Name: name,
          IfMatch: ifMatch,
          Stage: stage,
          EventObject: Buffer.from(JSON.stringify(event), 'utf8'),
        }),
      ),
    );
    return toTestResult(out.TestResult ?? {});
  }

  async publishFunction(name: string, ifMatch: string): Promise<EdgeFunctionInfo> {
    const out = await staleAs(`CloudFront function "${name}"`, () =>
      this.client.send(new PublishFunctionCommand({ Name: name, IfMatch: ifMatch })),
    );
    // The SDK's PublishFunctionResult carries no ETag; the LIVE stage's own one is needed to test
    // or describe LIVE, so read it when the output lacks it.
    let etag = (out as { ETag?: string }).ETag;
    if (!etag) etag = (await this.describeFunction(name, 'LIVE'))?.etag;
    return { ...toInfo(name, out.FunctionSummary, etag, 'LIVE'), stage: 'LIVE' };
  }

  private async distributionConfig() {
    return this.client.send(new GetDistributionConfigCommand({ Id: this.distributionId }));
  }

  async viewerRequestFunctionArn(): Promise<string | null> {
    const out = await this.distributionConfig();
    const items = out.DistributionConfig?.DefaultCacheBehavior?.FunctionAssociations?.Items ?? [];
    return items.find((a) => a.EventType === 'viewer-request')?.FunctionARN ?? null;
  }

  async associateViewerRequest(functionArn: string): Promise<void> {
    const got = await this.distributionConfig();
    const config = got.DistributionConfig;
    const behavior = config?.DefaultCacheBehavior;
    if (!config || !behavior || !got.ETag) {
      throw new Error(`CloudFront returned no configuration for ${this.location}.`);
    }
    const items: FunctionAssociation[] = [...(behavior.FunctionAssociations?.Items ?? [])];
    const at = items.findIndex((a) => a.EventType === 'viewer-request');
    // Already there: skip the update, which would start a distribution deployment for nothing.
    if (at !== -1 && items[at]?.FunctionARN === functionArn) return;
    const association = { EventType: 'viewer-request' as const, FunctionARN: functionArn };
    if (at === -1) items.push(association);
    else items[at] = association;
    const FunctionAssociations = { Quantity: items.length, Items: items };
    await staleAs(`CloudFront distribution ${this.distributionId}`, () =>
      this.client.send(
        new UpdateDistributionCommand({
          Id: this.distributionId,
          IfMatch: got.ETag,
          DistributionConfig: {
            ...config,
            DefaultCacheBehavior: { ...behavior, FunctionAssociations },
          },
        }),
      ),
    );
  }
}
