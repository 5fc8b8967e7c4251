import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFrontClient,
  DescribeFunctionCommand,
  GetDistributionConfigCommand,
  GetFunctionCommand,
  PublishFunctionCommand,
  TestFunctionCommand,
  UpdateFunctionCommand,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudFrontCdn } from '../../../src/core/cdn/cloudfront-cdn';
import { LocalEdgeCdn } from '../../../src/core/sandbox/local-edge-cdn';
import { workspaceDeploy } from '../../../src/core/workspace/workspace-deploy';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { VIEWER_REQUEST_CASES } from '../../../src/shared/edge/viewer-request-cases';

let root: string;
let ws: Workspace;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-fn-'));
  ws = await openWorkspace(path.join(root, 'ws'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The pipeline with another function source than site/edge's, as a changed checkout would have. */
function deployWith(code: string | null, w: Workspace = ws) {
  if (code === null) return workspaceDeploy(w, { surface: 'cli' });
  const file = path.join(root, `fn-${createHash('md5').update(code).digest('hex')}.js`);
  writeFileSync(file, code);
  return workspaceDeploy(w, { surface: 'cli', functionSource: file });
}

const BROKEN =
  'function handler(event) { var r = event.request; r.uri = "/index.html"; return r; }';

describe('edge function deploy on the sandbox (LocalEdgeCdn)', () => {
  it('creates, tests, publishes and associates the function; a second publish is a no-op', async () => {
    const first = await deployWith(null).publishEdgeFunction({ associate: true });
    expect(first.published).toBe(true);
    expect(first.tests).toHaveLength(VIEWER_REQUEST_CASES.length);
    expect(first.tests.every((t) => t.ok)).toBe(true);
    expect(first.live?.matchesLocal).toBe(true);
    expect(first.associations).toEqual([{ distributionId: 'SANDBOX', associated: true }]);
    const again = await deployWith(null).publishEdgeFunction({ associate: true });
    expect(again.published).toBe(false);
    expect(again.message).toMatch(/nothing to publish/);
  });

  it('refuses to publish code that fails the unit tests’ cases, and LIVE keeps the old code', async () => {
    await deployWith(null).publishEdgeFunction({ associate: true });
    const cdn = new LocalEdgeCdn(ws.dir);
    const liveBefore = await cdn.getFunctionCode(ws.functionName, 'LIVE');
    const report = await deployWith(BROKEN).publishEdgeFunction({ associate: true });
    expect(report.published).toBe(false);
    expect(report.message).toMatch(/Not published: \d+ of \d+ tests failed/);
    expect(report.tests.find((t) => !t.ok)).toMatchObject({ actual: 'uri /index.html' });
    expect(await cdn.getFunctionCode(ws.functionName, 'LIVE')).toEqual(liveBefore);
    const inspected = await deployWith(BROKEN).inspectEdgeFunction();
    expect(inspected.diff).toContain(
      '+function handler(event) { var r = event.request; r.uri = "/index.html"',
    );
  });

  it('refuses to overwrite someone else’s unpublished edit in DEVELOPMENT', async () => {
    await deployWith(null).publishEdgeFunction({ associate: true });
    const cdn = new LocalEdgeCdn(ws.dir);
    const dev = (await cdn.getFunctionCode(ws.functionName, 'DEVELOPMENT'))!;
    await cdn.updateFunction(ws.functionName, `${dev.code}\n// a colleague's edit\n`, dev.etag);
    await expect(
      deployWith(`${dev.code}\n// mine\n`).publishEdgeFunction({ associate: true }),
    ).rejects.toThrow(/unpublished edit/);
    expect((await cdn.getFunctionCode(ws.functionName, 'LIVE'))!.code).toBe(dev.code);
  });
});

describe('edge function deploy on CloudFront (aws-sdk-client-mock: the CloudFront API cannot be reached here)', () => {
  const cf = mockClient(CloudFrontClient);
  afterEach(() => cf.reset());
  const meta = (stage: string) => ({
    ETag: `E-${stage}`,
    FunctionSummary: {
      Name: 'qdn-viewer-request',
      Status: 'DEPLOYED',
      FunctionConfig: { Comment: 'c', Runtime: 'cloudfront-js-2.0' as const },
      FunctionMetadata: {
        FunctionARN: 'arn:aws:cloudfront::1:function/qdn-viewer-request',
        Stage: stage as 'LIVE',
        LastModifiedTime: new Date(),
      },
    },
  });

  function awsWorkspace(): Workspace {
    const cdn = new CloudFrontCdn(cf as unknown as CloudFrontClient, 'E2EXAMPLE');
    return { ...ws, cdns: () => Promise.resolve([cdn]) };
  }

  it('a failing test case stops the deploy before PublishFunction', async () => {
    cf.on(GetFunctionCommand).callsFake(() => ({
      ETag: 'E-DEV',
      FunctionCode: new TextEncoder().encode('old code'),
    }));
    cf.on(DescribeFunctionCommand).callsFake((input: { Stage?: string }) =>
      meta(input.Stage ?? 'DEVELOPMENT'),
    );
    cf.on(UpdateFunctionCommand).resolves({
      ETag: 'E-DEV2',
      FunctionSummary: meta('DEVELOPMENT').FunctionSummary,
    });
    cf.on(TestFunctionCommand).resolves({
      TestResult: {
        FunctionOutput: JSON.stringify({ request: { uri: '/wrong.html' } }),
        FunctionErrorMessage: '',
        ComputeUtilization: '10',
      },
    });
    cf.on(GetDistributionConfigCommand).resolves({ ETag: 'D1', DistributionConfig: undefined });
    const report = await deployWith(BROKEN, awsWorkspace()).publishEdgeFunction({
      associate: true,
    });
    expect(report.published).toBe(false);
    expect(cf.commandCalls(UpdateFunctionCommand)[0]!.args[0].input).toMatchObject({
      Name: 'qdn-viewer-request',
      IfMatch: 'E-DEV',
    });
    expect(cf.commandCalls(TestFunctionCommand)[0]!.args[0].input).toMatchObject({
      IfMatch: 'E-DEV2',
      Stage: 'DEVELOPMENT',
    });
    expect(cf.commandCalls(PublishFunctionCommand)).toHaveLength(0);
  });

  it('a stale ETag on update stops the deploy with the diff, publishing nothing', async () => {
    cf.on(GetFunctionCommand).callsFake(() => ({
      ETag: 'E-DEV',
      FunctionCode: new TextEncoder().encode('old code'),
    }));
    cf.on(DescribeFunctionCommand).callsFake((input: { Stage?: string }) =>
      meta(input.Stage ?? 'DEVELOPMENT'),
    );
    const stale = Object.assign(new Error('stale'), {
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
    cf.on(UpdateFunctionCommand).rejects(stale);
    await expect(
      deployWith(BROKEN, awsWorkspace()).publishEdgeFunction({ associate: true }),
    ).rejects.toThrow(/Someone else changed qdn-viewer-request/);
    expect(cf.commandCalls(PublishFunctionCommand)).toHaveLength(0);
    expect(cf.commandCalls(TestFunctionCommand)).toHaveLength(0);
  });
});
