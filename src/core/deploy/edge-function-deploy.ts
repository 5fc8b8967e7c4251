import { createTwoFilesPatch } from 'diff';
import type { EdgeFunctionReport, EdgeFunctionTestCase } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import { VIEWER_REQUEST_CASES } from '../../shared/edge/viewer-request-cases';
import type { Cdn, FunctionStage } from '../cdn/cdn';
import { StaleEtagError } from '../cdn/cdn';
import { routedTo, viewerRequestEvent } from '../cdn/viewer-request-event';
import type { DeployContext } from './deploy-context';
import type { Run } from './recorded-run';

/** What each stage of the function holds now, next to the code this version ships. */
export async function inspectEdgeFunction(ctx: DeployContext): Promise<EdgeFunctionReport> {
  const [cdns, local] = await Promise.all([ctx.cdns(), ctx.functionCode()]);
  const cdn = firstCdn(cdns);
  const [dev, live] = await Promise.all([
    cdn.getFunctionCode(ctx.functionName, 'DEVELOPMENT'),
    cdn.getFunctionCode(ctx.functionName, 'LIVE'),
  ]);
  // Customers get LIVE: its tests say what they get today.
  const tests = live ? await runCases(cdn, ctx.functionName, live.etag, 'LIVE') : [];
  const liveInfo = live ? await cdn.describeFunction(ctx.functionName, 'LIVE') : null;
  return {
    name: ctx.functionName,
    development: dev ? { etag: dev.etag, matchesLocal: dev.code === local } : null,
    live: live ? { etag: live.etag, matchesLocal: live.code === local } : null,
    diff: live?.code === local ? '' : diffOf('LIVE', live?.code ?? '', 'site/edge', local),
    tests,
    published: false,
    associations: await associations(cdns, liveInfo?.arn ?? null),
    message: !live
      ? 'The function has never been published.'
      : live.code === local
        ? 'LIVE runs the code in site/edge/.'
        : 'LIVE differs from the code in site/edge/: publish to update it.',
  };
}

/**
 * describe → update DEVELOPMENT with IfMatch → run the unit tests' cases through the CDN's own
 * TestFunction → publish with IfMatch → check (and, when asked, add) each distribution's
 * association. Stops and publishes nothing when a test fails or an ETag is stale, and refuses
 * to overwrite a DEVELOPMENT stage someone else edited and has not published.
 */
export async function publishEdgeFunction(
  ctx: DeployContext,
  run: Run,
  options: { associate: boolean },
): Promise<EdgeFunctionReport> {
  const [cdns, local] = await Promise.all([ctx.cdns(), ctx.functionCode()]);
  const cdn = firstCdn(cdns);
  const name = ctx.functionName;
  const step = (message: string) => run.progress.report('function', 'running', message);

  step(`Describing ${name}`);
  const [dev, live] = await Promise.all([
    cdn.getFunctionCode(name, 'DEVELOPMENT'),
    cdn.getFunctionCode(name, 'LIVE'),
  ]);
  let etag: string;
  if (!dev) {
    step(`Creating ${name}`);
    etag = (await cdn.createFunction(name, local, 'QuickDumpNow routes: /track and /book')).etag;
  } else if (dev.code !== local) {
    if (live && dev.code !== live.code) {
      throw new QdnError(
        'conflict',
        `DEVELOPMENT holds an unpublished edit that is not this version's code; nothing was published. Its differences:\n${diffOf('DEVELOPMENT', dev.code, 'site/edge', local)}`,
      );
    }
    step('Updating DEVELOPMENT');
    etag = await staleSafe(() => cdn.updateFunction(name, local, dev.etag), cdn, name, local);
  } else {
    etag = dev.etag;
  }

  step('Testing DEVELOPMENT');
  const tests = await runCases(cdn, name, etag, 'DEVELOPMENT');
  const failing = tests.filter((t) => !t.ok);
  if (failing.length > 0) {
    return {
      ...(await inspectEdgeFunction(ctx)),
      tests,
      message: `Not published: ${failing.length} of ${tests.length} tests failed (${failing.map((t) => t.name).join('; ')}).`,
    };
  }
  step('Publishing to LIVE');
  const published =
    live?.code === local
      ? null
      : await staleSafe(() => cdn.publishFunction(name, etag), cdn, name, local);
  const liveInfo = await cdn.describeFunction(name, 'LIVE');
  const arn = liveInfo?.arn ?? null;
  let links = await associations(cdns, arn);
  if (options.associate && arn) {
    for (const link of links.filter((l) => !l.associated)) {
      step(`Associating with ${link.distributionId}`);
      await cdns.find((c) => c.distributionId === link.distributionId)!.associateViewerRequest(arn);
    }
    links = await associations(cdns, arn);
  }
  const unassociated = links.filter((l) => !l.associated).map((l) => l.distributionId);
  return {
    ...(await inspectEdgeFunction(ctx)),
    tests,
    published: published !== null,
    associations: links,
    message:
      (published !== null
        ? `Published; all ${tests.length} tests passed.`
        : 'LIVE already runs this code; nothing to publish.') +
      (unassociated.length > 0 ? ` Not yet associated with ${unassociated.join(', ')}.` : ''),
  };
}

function firstCdn(cdns: readonly Cdn[]): Cdn {
  const [cdn] = cdns;
  if (!cdn) {
    throw new QdnError(
      'bad_request',
      'No CloudFront distribution is configured (prod.distribution_ids).',
    );
  }
  return cdn;
}

/** A stale ETag means someone else changed the function meanwhile: say so with the diff. */
async function staleSafe(
  change: () => Promise<{ etag: string }>,
  cdn: Cdn,
  name: string,
  local: string,
): Promise<string> {
  try {
    return (await change()).etag;
  } catch (err) {
    if (!(err instanceof StaleEtagError)) throw err;
    const now = await cdn.getFunctionCode(name, 'DEVELOPMENT');
    throw new QdnError(
      'conflict',
      `Someone else changed ${name} while this deploy ran; nothing was published. Their DEVELOPMENT against this version's code:\n${diffOf('DEVELOPMENT', now?.code ?? '', 'site/edge', local)}`,
    );
  }
}

async function runCases(
  cdn: Cdn,
  name: string,
  etag: string,
  stage: FunctionStage,
): Promise<EdgeFunctionTestCase[]> {
  const results: EdgeFunctionTestCase[] = [];
  for (const c of VIEWER_REQUEST_CASES) {
    const expected = 'uri' in c.expect ? `uri ${c.expect.uri}` : `status ${c.expect.statusCode}`;
    const result = await cdn.testFunction(
      name,
      etag,
      viewerRequestEvent(c.uri, c.querystring ?? {}),
      stage,
    );
    const routed = routedTo(result.output);
    const actual = result.error
      ? `error: ${result.error}`
      : !routed
        ? 'no request or response'
        : 'uri' in routed
          ? `uri ${routed.uri}`
          : `status ${routed.statusCode}`;
    results.push({ name: c.name, ok: actual === expected, expected, actual });
  }
  return results;
}

async function associations(cdns: readonly Cdn[], arn: string | null) {
  return Promise.all(
    cdns.map(async (cdn) => ({
      distributionId: cdn.distributionId,
      associated: arn !== null && (await cdn.viewerRequestFunctionArn()) === arn,
    })),
  );
}

function diffOf(fromName: string, from: string, toName: string, to: string): string {
  return createTwoFilesPatch(fromName, toName, from, to, '', '', { context: 3 });
}
