import vm from 'node:vm';
import {
  CloudFrontClient,
  CloudFrontServiceException,
  CreateFunctionCommand,
  CreateInvalidationCommand,
  DescribeFunctionCommand,
  FunctionAlreadyExists,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  GetInvalidationCommand,
  InvalidArgument,
  InvalidFunctionAssociation,
  NoSuchDistribution,
  NoSuchFunctionExists,
  NoSuchInvalidation,
  PreconditionFailed,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateDistributionCommand,
  UpdateFunctionCommand,
} from '@aws-sdk/client-cloudfront';
import type {
  CreateFunctionCommandInput,
  CreateInvalidationCommandInput,
  DescribeFunctionCommandInput,
  GetDistributionConfigCommandInput,
  GetFunctionCommandInput,
  GetInvalidationCommandInput,
  PublishFunctionCommandInput,
  DistributionConfig,
  FunctionStage,
  FunctionSummary,
  Invalidation,
  TestFunctionCommandInput,
  UpdateDistributionCommandInput,
  UpdateFunctionCommandInput,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { StaleEtagError } from '../../../src/core/cdn/cdn';
import { CloudFrontCdn, createCloudFrontClient } from '../../../src/core/cdn/cloudfront-cdn';
import { describeCdnContract, VIEWER_REQUEST_CODE, viewerRequestEvent } from './cdn-contract';

// Why a mock: the CloudFront API cannot be reached from here (no network, no account), so the
// adapter runs against a mocked CloudFrontClient. Its handlers keep a small in-memory CloudFront
// that answers the way the real API does (ETags per stage, PreconditionFailed on a stale IfMatch,
// NoSuchFunctionExists for an unpublished LIVE stage, InvalidationBatchAlreadyExists, …), so the
// same contract suite the local edge passes checks this adapter's behaviour too.
const cfMock = mockClient(CloudFrontClient);
const DIST = 'E2QWRUHAPOMQZL';
const arnOf = (name: string) => `arn:aws:cloudfront::111122223333:function/${name}`;
const meta = { $metadata: { httpStatusCode: 400 } };
const status = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

interface StageState {
  code: string;
  etag: string;
  modified: Date;
}
interface FakeFunction {
  name: string;
  comment: string;
  created: Date;
  stages: Partial<Record<FunctionStage, StageState>>;
}
interface FakeInvalidation {
  inv: Invalidation;
  polls: number;
}

function baseConfig(): DistributionConfig {
  return {
    CallerReference: 'qdn-site-2026',
    Comment: 'quickdumpnow.com',
    Enabled: true,
    Origins: { Quantity: 1, Items: [{ Id: 'site', DomainName: 'qdn-site.s3.amazonaws.com' }] },
    DefaultCacheBehavior: {
      TargetOriginId: 'site',
      ViewerProtocolPolicy: 'redirect-to-https',
      FunctionAssociations: {
        Quantity: 1,
        Items: [{ EventType: 'viewer-response', FunctionARN: arnOf('qdn-security-headers') }],
      },
    },
  };
}

/** The part of CloudFront this adapter talks to, kept in memory. */
class FakeCloudFront {
  readonly functions = new Map<string, FakeFunction>();
  private readonly invalidations = new Map<string, FakeInvalidation>();
  private readonly byReference = new Map<string, string>();
  config = baseConfig();
  configEtag = 'EDIST1';
  private n = 0;

  constructor() {
    const at = new Date('2026-01-05T10:00:00Z');
    const live = {
      code: 'function handler(e) { return e.response; }',
      etag: 'ESEC1',
      modified: at,
    };
    this.functions.set('qdn-security-headers', {
      name: 'qdn-security-headers',
      comment: 'headers',
      created: at,
      stages: { DEVELOPMENT: { ...live, etag: 'ESEC0' }, LIVE: live },
    });
  }

  private next(prefix: string): string {
    return `${prefix}${(++this.n).toString(36).toUpperCase().padStart(6, '0')}`;
  }

  // Which stage an omitted Stage means is not documented; the adapter always names one, so the
  // fake takes LIVE, the reading under which an omission would show up in the contract.
  private fn(name: string | undefined, stage: FunctionStage = 'LIVE') {
    const f = this.functions.get(name ?? '');
    const s = f?.stages[stage];
    if (!f || !s)
      throw new NoSuchFunctionExists({ message: `No function ${name}`, ...status(404) });
    return { f, s };
  }

  private summary(f: FakeFunction, stage: FunctionStage): FunctionSummary {
    return {
      Name: f.name,
      Status: f.stages.LIVE ? 'UNASSOCIATED' : 'UNPUBLISHED',
      FunctionConfig: { Comment: f.comment, Runtime: 'cloudfront-js-2.0' },
      FunctionMetadata: {
        FunctionARN: arnOf(f.name),
        Stage: stage,
        CreatedTime: f.created,
        LastModifiedTime: f.stages[stage]?.modified,
      },
    };
  }

  private checkDistribution(id: string | undefined): void {
    if (id !== DIST)
      throw new NoSuchDistribution({ message: `No distribution ${id}`, ...status(404) });
  }

  install(): void {
    cfMock.reset();
    cfMock
      .onAnyCommand()
      .rejects(new Error('The fake CloudFront has no handler for this command.'));
    cfMock
      .on(CreateFunctionCommand)
      .callsFake(async (i: CreateFunctionCommandInput) => this.create(i));
    cfMock
      .on(DescribeFunctionCommand)
      .callsFake(async ({ Name, Stage }: DescribeFunctionCommandInput) => {
        const { f, s } = this.fn(Name, Stage);
        return { FunctionSummary: this.summary(f, Stage ?? 'LIVE'), ETag: s.etag };
      });
    cfMock.on(GetFunctionCommand).callsFake(async ({ Name, Stage }: GetFunctionCommandInput) => {
      const { s } = this.fn(Name, Stage);
      return {
        FunctionCode: new TextEncoder().encode(s.code),
        ETag: s.etag,
        ContentType: 'application/octet-stream',
      };
    });
    cfMock
      .on(UpdateFunctionCommand)
      .callsFake(async (i: UpdateFunctionCommandInput) => this.update(i));
    cfMock.on(TestFunctionCommand).callsFake(async (i: TestFunctionCommandInput) => this.test(i));
    cfMock
      .on(PublishFunctionCommand)
      .callsFake(async ({ Name, IfMatch }: PublishFunctionCommandInput) => {
        const { f, s } = this.fn(Name, 'DEVELOPMENT');
        if (IfMatch !== s.etag) throw new PreconditionFailed({ message: 'stale', ...status(412) });
        f.stages.LIVE = { code: s.code, etag: this.next('EL'), modified: new Date() };
        // The interface says DEVELOPMENT gets a new ETag on publish: model the strict reading.
        f.stages.DEVELOPMENT = { ...s, etag: this.next('ED') };
        return { FunctionSummary: this.summary(f, 'LIVE') };
      });
    cfMock
      .on(CreateInvalidationCommand)
      .callsFake(async (i: CreateInvalidationCommandInput) => this.invalidate(i));
    cfMock
      .on(GetInvalidationCommand)
      .callsFake(async ({ DistributionId, Id }: GetInvalidationCommandInput) => {
        this.checkDistribution(DistributionId);
        const found = this.invalidations.get(Id ?? '');
        if (!found)
          throw new NoSuchInvalidation({ message: `No invalidation ${Id}`, ...status(404) });
        // The first poll still sees it in progress, the next ones Completed: the caller must poll.
        if (++found.polls >= 2) found.inv.Status = 'Completed';
        return { Invalidation: structuredClone(found.inv) };
      });
    cfMock
      .on(GetDistributionConfigCommand)
      .callsFake(async ({ Id }: GetDistributionConfigCommandInput) => {
        this.checkDistribution(Id);
        return { DistributionConfig: structuredClone(this.config), ETag: this.configEtag };
      });
    cfMock
      .on(UpdateDistributionCommand)
      .callsFake(async (i: UpdateDistributionCommandInput) => this.updateDistribution(i));
  }

  private create({ Name, FunctionConfig, FunctionCode }: CreateFunctionCommandInput) {
    if (!Name || this.functions.has(Name)) {
      throw new FunctionAlreadyExists({ message: `Function ${Name} exists`, ...status(409) });
    }
    if (FunctionConfig?.Runtime !== 'cloudfront-js-2.0')
      throw new InvalidArgument({ message: 'runtime', ...meta });
    const now = new Date();
    const code = Buffer.from(FunctionCode ?? []).toString('utf8');
    const f: FakeFunction = {
      name: Name,
      comment: FunctionConfig.Comment ?? '',
      created: now,
      stages: { DEVELOPMENT: { code, etag: this.next('ED'), modified: now } },
    };
    this.functions.set(Name, f);
    return {
      FunctionSummary: this.summary(f, 'DEVELOPMENT'),
      ETag: f.stages.DEVELOPMENT!.etag,
      Location: `https://cloudfront.amazonaws.com/2020-05-31/function/${arnOf(Name)}`,
    };
  }

  private update({ Name, IfMatch, FunctionConfig, FunctionCode }: UpdateFunctionCommandInput) {
    const { f, s } = this.fn(Name, 'DEVELOPMENT');
    if (IfMatch !== s.etag) throw new PreconditionFailed({ message: 'stale', ...status(412) });
    if (FunctionConfig?.Runtime !== 'cloudfront-js-2.0')
      throw new InvalidArgument({ message: 'runtime', ...meta });
    f.comment = FunctionConfig.Comment ?? '';
    const code = Buffer.from(FunctionCode ?? []).toString('utf8');
    f.stages.DEVELOPMENT = { code, etag: this.next('ED'), modified: new Date() };
    return { FunctionSummary: this.summary(f, 'DEVELOPMENT'), ETag: f.stages.DEVELOPMENT.etag };
  }

  /** Runs the stage's code on the event in a bare node:vm context, as the runtime would. */
  private test({ Name, IfMatch, Stage, EventObject }: TestFunctionCommandInput) {
    const { f, s } = this.fn(Name, Stage);
    if (IfMatch !== s.etag) throw new PreconditionFailed({ message: 'stale', ...status(412) });
    const logs: string[] = [];
    const sandbox = {
      console: { log: (...args: unknown[]) => logs.push(args.map(String).join(' ')) },
      __event: Buffer.from(EventObject ?? []).toString('utf8'),
    };
    const started = process.hrtime.bigint();
    const base = {
      FunctionSummary: this.summary(f, Stage ?? 'LIVE'),
      FunctionExecutionLogs: logs,
    };
    try {
      const json = vm.runInNewContext(
        `${s.code}\n;JSON.stringify(handler(JSON.parse(__event)))`,
        sandbox,
        { timeout: 100 },
      ) as string;
      const value = JSON.parse(json) as { statusCode?: unknown };
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return {
        TestResult: {
          ...base,
          // Share of a ~1 ms budget, as CloudFront reports it: a string.
          ComputeUtilization: String(Math.min(100, Math.max(1, Math.round(ms * 100)))),
          FunctionErrorMessage: '',
          FunctionOutput: JSON.stringify(
            typeof value.statusCode === 'number' ? { response: value } : { request: value },
          ),
        },
      };
    } catch (err) {
      const message = (err as { message?: unknown }).message;
      return {
        TestResult: {
          ...base,
          FunctionErrorMessage: `Error: ${String(message)}`,
          FunctionOutput: '',
        },
      };
    }
  }

  private invalidate({ DistributionId, InvalidationBatch }: CreateInvalidationCommandInput) {
    this.checkDistribution(DistributionId);
    const ref = InvalidationBatch?.CallerReference ?? '';
    const items = InvalidationBatch?.Paths?.Items ?? [];
    if (InvalidationBatch?.Paths?.Quantity !== items.length)
      throw new InvalidArgument({ message: 'Quantity', ...meta });
    const earlier = this.invalidations.get(this.byReference.get(ref) ?? '');
    if (earlier) {
      if (JSON.stringify(earlier.inv.InvalidationBatch?.Paths?.Items) !== JSON.stringify(items)) {
        throw new CloudFrontServiceException({
          name: 'InvalidationBatchAlreadyExists',
          $fault: 'client',
          message: 'exists',
          ...meta,
        });
      }
      return { Invalidation: structuredClone(earlier.inv) };
    }
    const inv: Invalidation = {
      Id: this.next('I'),
      Status: 'InProgress',
      CreateTime: new Date(),
      InvalidationBatch: structuredClone(InvalidationBatch),
    };
    this.invalidations.set(inv.Id!, { inv, polls: 0 });
    this.byReference.set(ref, inv.Id!);
    return {
      Invalidation: structuredClone(inv),
      Location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${DIST}/invalidation/${inv.Id}`,
    };
  }

  private updateDistribution({
    Id,
    IfMatch,
    DistributionConfig: config,
  }: UpdateDistributionCommandInput) {
    this.checkDistribution(Id);
    if (IfMatch !== this.configEtag)
      throw new PreconditionFailed({ message: 'stale', ...status(412) });
    const fa = config?.DefaultCacheBehavior?.FunctionAssociations;
    if (!config || fa?.Quantity !== (fa?.Items?.length ?? 0))
      throw new InvalidArgument({ message: 'Quantity', ...meta });
    for (const a of fa?.Items ?? []) {
      const name = a.FunctionARN?.split('function/')[1] ?? '';
      if (!this.functions.get(name)?.stages.LIVE) {
        throw new InvalidFunctionAssociation({
          message: `${a.FunctionARN} is not published`,
          ...meta,
        });
      }
    }
    this.config = structuredClone(config);
    this.configEtag = this.next('EDIST');
    return { ETag: this.configEtag };
  }
}

let made = 0;
describeCdnContract('CloudFront (aws-sdk-client-mock)', async () => {
  new FakeCloudFront().install();
  return {
    cdn: new CloudFrontCdn(new CloudFrontClient({ region: 'us-east-1' }), DIST),
    functionName: `qdn-viewer-request-${++made}`,
    cleanup: async () => {
      cfMock.reset();
    },
  };
});

describe('CloudFrontCdn: the exact calls it makes (mocked CloudFrontClient)', () => {
  let fake: FakeCloudFront;
  let cdn: CloudFrontCdn;
  const stale = () => new PreconditionFailed({ message: 'stale', ...status(412) });

  beforeEach(() => {
    fake = new FakeCloudFront();
    fake.install();
    cdn = new CloudFrontCdn(new CloudFrontClient({ region: 'us-east-1' }), DIST);
  });

  it('names its location and builds a us-east-1 client', async () => {
    expect(cdn.location).toBe(`cloudfront:${DIST}`);
    expect(cdn.distributionId).toBe(DIST);
    await expect(createCloudFrontClient({}).config.region()).resolves.toBe('us-east-1');
    await expect(
      createCloudFrontClient({ region: 'cn-northwest-1' }).config.region(),
    ).resolves.toBe('cn-northwest-1');
  });

  it('invalidate sends one CreateInvalidation with the batch, quantity and caller reference', async () => {
    const state = await cdn.invalidate(['/track/*', '/track.html'], 'deploy-42');
    expect(cfMock).toHaveReceivedCommandTimes(CreateInvalidationCommand, 1);
    expect(cfMock.commandCalls(CreateInvalidationCommand)[0]!.args[0].input).toEqual({
      DistributionId: DIST,
      InvalidationBatch: {
        CallerReference: 'deploy-42',
        Paths: { Quantity: 2, Items: ['/track/*', '/track.html'] },
      },
    });
    expect(state).toEqual({
      id: expect.stringMatching(/^I/),
      status: 'InProgress',
      paths: ['/track/*', '/track.html'],
      createdAt: expect.any(String),
    });
    await cdn.invalidationStatus(state.id);
    expect(cfMock).toHaveReceivedCommandWith(GetInvalidationCommand, {
      DistributionId: DIST,
      Id: state.id,
    });
  });

  it('turns InvalidationBatchAlreadyExists into a clear error that keeps the cause', async () => {
    await cdn.invalidate(['/a.html'], 'deploy-7');
    const err = (await cdn.invalidate(['/b.html'], 'deploy-7').catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(
      /Caller reference "deploy-7" was already used on cloudfront:E2QWRUHAPOMQZL/,
    );
    expect((err.cause as Error).name).toBe('InvalidationBatchAlreadyExists');
  });

  it.each([
    ['3,001 paths', Array.from({ length: 3001 }, (_, i) => `/p/${i}.html`), /at most 3000 paths/],
    ['16 wildcards', Array.from({ length: 16 }, (_, i) => `/p/${i}/*`), /at most 15 wildcard/],
    ['a path without /', ['track.html'], /must start with "\/"/],
    ['a * before the end', ['/track/*.html'], /last character/],
    ['no path', [], /at least one path/],
  ])('refuses %s without sending anything', async (_label, paths, message) => {
    await expect(cdn.invalidate(paths, 'deploy-1')).rejects.toThrow(message);
    expect(cfMock).not.toHaveReceivedAnyCommand();
  });

  it('sends the limits themselves: 3,000 paths, of which 15 wildcards', async () => {
    const paths = [
      ...Array.from({ length: 15 }, (_, i) => `/w/${i}/*`),
      ...Array.from({ length: 2985 }, (_, i) => `/p/${i}.html`),
    ];
    await cdn.invalidate(paths, 'deploy-big');
    expect(cfMock).toHaveReceivedCommandWith(CreateInvalidationCommand, {
      InvalidationBatch: { CallerReference: 'deploy-big', Paths: { Quantity: 3000, Items: paths } },
    });
  });

  it('describeFunction maps the summary; only NoSuchFunctionExists becomes null', async () => {
    const created = await cdn.createFunction('qdn-vr', VIEWER_REQUEST_CODE, 'pretty routes');
    expect(cfMock).toHaveReceivedCommandWith(CreateFunctionCommand, {
      Name: 'qdn-vr',
      FunctionConfig: { Comment: 'pretty routes', Runtime: 'cloudfront-js-2.0' },
    });
    const info = await cdn.describeFunction('qdn-vr');
    expect(cfMock).toHaveReceivedCommandWith(DescribeFunctionCommand, {
      Name: 'qdn-vr',
      Stage: 'DEVELOPMENT',
    });
    const dev = fake.functions.get('qdn-vr')!.stages.DEVELOPMENT!;
    expect(info).toEqual({
      name: 'qdn-vr',
      etag: dev.etag,
      stage: 'DEVELOPMENT',
      arn: arnOf('qdn-vr'),
      status: 'UNPUBLISHED',
      lastModified: dev.modified.toISOString(),
    });
    expect(created).toEqual(info);
    const denied = new CloudFrontServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      message: 'no',
      ...status(403),
    });
    cfMock.on(DescribeFunctionCommand).rejects(denied);
    cfMock.on(GetFunctionCommand).rejects(denied);
    await expect(cdn.describeFunction('qdn-vr')).rejects.toBe(denied);
    await expect(cdn.getFunctionCode('qdn-vr', 'LIVE')).rejects.toBe(denied);
  });

  it('getFunctionCode decodes the bytes and asks for the stage', async () => {
    await cdn.createFunction('qdn-vr', 'function handler(e) { return e.request; } // é ✓', 'c');
    const got = await cdn.getFunctionCode('qdn-vr', 'DEVELOPMENT');
    expect(cfMock).toHaveReceivedCommandWith(GetFunctionCommand, {
      Name: 'qdn-vr',
      Stage: 'DEVELOPMENT',
    });
    expect(got!.code).toBe('function handler(e) { return e.request; } // é ✓');
  });

  it('updateFunction keeps the comment and sends IfMatch, the config and the code as bytes', async () => {
    const { etag } = await cdn.createFunction('qdn-vr', VIEWER_REQUEST_CODE, 'pretty routes');
    const updated = await cdn.updateFunction(
      'qdn-vr',
      'function handler(e) { return e.request; }',
      etag,
    );
    expect(cfMock).toHaveReceivedCommandWith(UpdateFunctionCommand, {
      Name: 'qdn-vr',
      IfMatch: etag,
      FunctionConfig: { Comment: 'pretty routes', Runtime: 'cloudfront-js-2.0' },
      FunctionCode: expect.any(Uint8Array),
    });
    const input = cfMock.commandCalls(UpdateFunctionCommand)[0]!.args[0].input;
    expect(Buffer.from(input.FunctionCode!).toString('utf8')).toBe(
      'function handler(e) { return e.request; }',
    );
    expect(updated.etag).toBe(fake.functions.get('qdn-vr')!.stages.DEVELOPMENT!.etag);
    expect(updated.etag).not.toBe(etag);
  });

  it('testFunction sends the event as JSON bytes with IfMatch and Stage, and parses the result', async () => {
    const event = viewerRequestEvent('/track/abc123', { t: 'abc123' });
    cfMock.on(TestFunctionCommand).resolves({
      TestResult: {
        ComputeUtilization: '27',
        FunctionErrorMessage: '',
        FunctionExecutionLogs: ['routed'],
        FunctionOutput: '{"request":{"uri":"/track.html"}}',
      },
    });
    const result = await cdn.testFunction('qdn-vr', 'ED1', event);
    expect(cfMock).toHaveReceivedCommandWith(TestFunctionCommand, {
      Name: 'qdn-vr',
      IfMatch: 'ED1',
      Stage: 'DEVELOPMENT',
    });
    const input = cfMock.commandCalls(TestFunctionCommand)[0]!.args[0].input;
    expect(JSON.parse(Buffer.from(input.EventObject!).toString('utf8'))).toEqual(event);
    expect(result).toEqual({
      output: { request: { uri: '/track.html' } },
      error: null,
      computeUtilization: 27,
      logs: ['routed'],
    });

    cfMock.on(TestFunctionCommand).resolves({
      TestResult: { FunctionErrorMessage: 'TypeError: x is undefined', FunctionOutput: '' },
    });
    expect(await cdn.testFunction('qdn-vr', 'EL1', event, 'LIVE')).toEqual({
      output: null,
      error: 'TypeError: x is undefined',
      computeUtilization: null,
      logs: [],
    });
    expect(cfMock).toHaveReceivedCommandWith(TestFunctionCommand, {
      IfMatch: 'EL1',
      Stage: 'LIVE',
    });
  });

  it('publishFunction sends IfMatch, then reads the LIVE ETag the output lacks', async () => {
    const { etag } = await cdn.createFunction('qdn-vr', VIEWER_REQUEST_CODE, 'pretty routes');
    cfMock.resetHistory();
    const live = await cdn.publishFunction('qdn-vr', etag);
    expect(cfMock).toHaveReceivedNthCommandWith(PublishFunctionCommand, 1, {
      Name: 'qdn-vr',
      IfMatch: etag,
    });
    expect(cfMock).toHaveReceivedCommandWith(DescribeFunctionCommand, {
      Name: 'qdn-vr',
      Stage: 'LIVE',
    });
    expect(live).toMatchObject({
      stage: 'LIVE',
      etag: fake.functions.get('qdn-vr')!.stages.LIVE!.etag,
      arn: arnOf('qdn-vr'),
    });

    // A newer SDK/API that returns the ETag saves the extra read.
    cfMock.resetHistory();
    cfMock.on(PublishFunctionCommand).resolves({
      FunctionSummary: {
        Name: 'qdn-vr',
        FunctionConfig: undefined,
        FunctionMetadata: {
          FunctionARN: arnOf('qdn-vr'),
          Stage: 'LIVE',
          LastModifiedTime: new Date(),
        },
      },
      ETag: 'ELIVE9',
    } as never); // `never`: the SDK's PublishFunctionResult type has no ETag member yet.
    expect((await cdn.publishFunction('qdn-vr', 'ED9')).etag).toBe('ELIVE9');
    expect(cfMock).not.toHaveReceivedCommand(DescribeFunctionCommand);
  });

  it('associateViewerRequest sends the whole config with IfMatch, the association added and others kept', async () => {
    const before = structuredClone(fake.config);
    const { etag } = await cdn.createFunction('qdn-vr', VIEWER_REQUEST_CODE, 'pretty routes');
    await cdn.publishFunction('qdn-vr', etag);
    await cdn.associateViewerRequest(arnOf('qdn-vr'));
    expect(cfMock).toHaveReceivedCommandTimes(UpdateDistributionCommand, 1);
    expect(cfMock.commandCalls(UpdateDistributionCommand)[0]!.args[0].input).toEqual({
      Id: DIST,
      IfMatch: 'EDIST1',
      DistributionConfig: {
        ...before,
        DefaultCacheBehavior: {
          ...before.DefaultCacheBehavior,
          FunctionAssociations: {
            Quantity: 2,
            Items: [
              { EventType: 'viewer-response', FunctionARN: arnOf('qdn-security-headers') },
              { EventType: 'viewer-request', FunctionARN: arnOf('qdn-vr') },
            ],
          },
        },
      },
    });
    expect(await cdn.viewerRequestFunctionArn()).toBe(arnOf('qdn-vr'));

    // Replacing: the viewer-request item changes in place, Quantity stays right.
    await cdn.createFunction('qdn-vr2', VIEWER_REQUEST_CODE, 'v2');
    await cdn.publishFunction('qdn-vr2', fake.functions.get('qdn-vr2')!.stages.DEVELOPMENT!.etag);
    const etagNow = fake.configEtag;
    await cdn.associateViewerRequest(arnOf('qdn-vr2'));
    expect(cfMock).toHaveReceivedLastCommandWith(UpdateDistributionCommand, {
      IfMatch: etagNow,
      DistributionConfig: expect.objectContaining({
        DefaultCacheBehavior: expect.objectContaining({
          FunctionAssociations: {
            Quantity: 2,
            Items: [
              { EventType: 'viewer-response', FunctionARN: arnOf('qdn-security-headers') },
              { EventType: 'viewer-request', FunctionARN: arnOf('qdn-vr2') },
            ],
          },
        }),
      }),
    });

    // Already associated: no UpdateDistribution (it would start a deployment for nothing).
    cfMock.resetHistory();
    await cdn.associateViewerRequest(arnOf('qdn-vr2'));
    expect(cfMock).toHaveReceivedCommandTimes(GetDistributionConfigCommand, 1);
    expect(cfMock).not.toHaveReceivedCommand(UpdateDistributionCommand);
  });

  it('a default behavior with no FunctionAssociations gets a list of one', async () => {
    delete fake.config.DefaultCacheBehavior!.FunctionAssociations;
    const { etag } = await cdn.createFunction('qdn-vr', VIEWER_REQUEST_CODE, 'c');
    await cdn.publishFunction('qdn-vr', etag);
    expect(await cdn.viewerRequestFunctionArn()).toBeNull();
    await cdn.associateViewerRequest(arnOf('qdn-vr'));
    expect(fake.config.DefaultCacheBehavior!.FunctionAssociations).toEqual({
      Quantity: 1,
      Items: [{ EventType: 'viewer-request', FunctionARN: arnOf('qdn-vr') }],
    });
  });

  describe('stale ETags (PreconditionFailed, 412) become StaleEtagError', () => {
    const cases: [string, () => Promise<unknown>][] = [
      ['UpdateFunction', () => cdn.updateFunction('qdn-vr', 'x', 'EOLD')],
      ['TestFunction', () => cdn.testFunction('qdn-vr', 'EOLD', viewerRequestEvent('/'))],
      ['PublishFunction', () => cdn.publishFunction('qdn-vr', 'EOLD')],
      ['UpdateDistribution', () => cdn.associateViewerRequest(arnOf('qdn-vr'))],
    ];
    it.each(cases)('%s', async (_command, call) => {
      cfMock.on(DescribeFunctionCommand).resolves({
        FunctionSummary: {
          Name: 'qdn-vr',
          FunctionConfig: { Comment: 'c', Runtime: 'cloudfront-js-2.0' },
          FunctionMetadata: undefined,
        },
      });
      cfMock.on(UpdateFunctionCommand).rejects(stale());
      cfMock.on(TestFunctionCommand).rejects(stale());
      cfMock.on(PublishFunctionCommand).rejects(stale());
      cfMock.on(UpdateDistributionCommand).rejects(stale());
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StaleEtagError);
      expect((err as StaleEtagError).resource).toMatch(/qdn-vr|E2QWRUHAPOMQZL/);
    });

    it('a bare 412 without the error name counts too; other errors pass unchanged', async () => {
      const bare = new CloudFrontServiceException({
        name: 'Unknown',
        $fault: 'client',
        message: '',
        ...status(412),
      });
      cfMock.on(PublishFunctionCommand).rejects(bare);
      await expect(cdn.publishFunction('qdn-vr', 'E1')).rejects.toBeInstanceOf(StaleEtagError);
      const other = new InvalidFunctionAssociation({ message: 'not published', ...meta });
      cfMock.on(UpdateDistributionCommand).rejects(other);
      await expect(cdn.associateViewerRequest(arnOf('qdn-vr'))).rejects.toBe(other);
    });
  });
});
