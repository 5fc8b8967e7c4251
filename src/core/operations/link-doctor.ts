import type { LinkDoctorReport, LinkFix, LinkLayerCheck } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { Job } from '../../shared/job';
import { statusDocumentKey, TRACKING_PAGE, trackingPath } from '../../shared/site-keys';
import { buildTrackingUrl } from '../../shared/tracking-link';
import { extractToken } from '../../shared/tracking-token';
import { routedTo, viewerRequestEvent } from '../cdn/viewer-request-event';
import { statusDocumentBody } from '../publishing/status-publisher';
import { etagOf } from '../storage/etag';
import type { DeployContext } from '../deploy/deploy-context';
import { fetchPublic } from '../deploy/fetch-public';
import { readJournal } from '../deploy/read-journal';
import { DeployService } from '../deploy/deploy-service';
import { publishEdgeFunction } from '../deploy/edge-function-deploy';
import { invalidationPathsFor } from '../deploy/invalidation-paths';
import { promote } from '../deploy/promote';
import { recordedRun } from '../deploy/recorded-run';

/** The link doctor over one deploy context: a diagnosis, and the fixes it offers. */
export interface LinkDoctor {
  diagnose(jobId: string): Promise<LinkDoctorReport>;
  /** Applies one fix the doctor offers, then diagnoses again. */
  fix(jobId: string, fix: LinkFix): Promise<LinkDoctorReport>;
}

/** What a fix did, as the deploy history tells a dispatcher (the fix's code name follows). */
const FIXED_WORDS: Record<LinkFix, string> = {
  republish_document: 'put the page back on the website',
  invalidate: 'cleared the website’s old copies',
  promote: 'published the latest site',
  publish_function: 'switched on the link routing',
};

/**
 * The doctor spans jobs (the token, the document), publishing and the deploy pipeline (the
 * invalidation, the promote, the edge function), so it stands above all three.
 */
export function linkDoctor(ctx: DeployContext): LinkDoctor {
  return {
    diagnose: (jobId) => diagnoseLink(ctx, jobId),
    async fix(jobId, fix) {
      const before = await diagnoseLink(ctx, jobId);
      const job = (await ctx.jobs.listJobs()).find((j) => j.job_id === jobId)!;
      await recordedRun(
        ctx,
        'doctor',
        async (run) => {
          run.progress.report('fix', 'running', `Fixing ${before.fault ?? 'the link'}: ${fix}`);
          if (fix === 'republish_document') await ctx.jobs.republish([jobId]);
          else if (fix === 'invalidate') {
            // Every path the page and the document are cached under (the bare `/track` too), so
            // the journal stops owing them once it completes.
            await new DeployService(ctx).invalidateProd(
              invalidationPathsFor([TRACKING_PAGE, statusDocumentKey(job.tracking_token)]),
            );
          } else if (fix === 'promote') await promote(ctx, { invalidate: true, prune: false });
          else await publishEdgeFunction(ctx, run, { associate: true });
        },
        () => ({
          ok: true,
          summary: `Link doctor: ${FIXED_WORDS[fix]} for ${firstNameOf(job)}’s link (job ${jobId}, ${fix})`,
        }),
      );
      return diagnoseLink(ctx, jobId);
    },
  };
}

/**
 * Follows one customer's link through every layer it crosses — the token in jobs.json, its
 * status document in prod, the edge's rewrite, the page the edge serves, the page's reading
 * of the link — and names the first layer at fault with the fix (Mark's "Job not found"). Each
 * layer says it twice: `summary` in a dispatcher's words, with what to do, and `detail` in the
 * engineer's (which file, which function), shown behind "Details".
 */
export async function diagnoseLink(ctx: DeployContext, jobId: string): Promise<LinkDoctorReport> {
  const job = (await ctx.jobs.listJobs()).find((j) => j.job_id === jobId);
  if (!job) throw new QdnError('not_found', `There is no job ${jobId}.`);
  const site = await ctx.publicSite();
  const trackingUrl = buildTrackingUrl(site.url, job.tracking_token);
  const name = firstNameOf(job);
  const layers: LinkLayerCheck[] = [
    checkToken(job, name),
    await checkStatusDocument(ctx, job, site, name),
    await checkEdgeRewrite(ctx, job, name),
    await checkPage(ctx, trackingUrl, site.running, name),
    checkTokenReading(trackingUrl, job.tracking_token, name),
  ];
  return { jobId, trackingUrl, layers, fault: layers.find((l) => !l.ok)?.layer ?? null };
}

function checkToken(job: Job, name: string): LinkLayerCheck {
  if (job.token_revoked_at) {
    return {
      layer: 'token',
      ok: false,
      summary: `${name}’s link was turned off. Send ${name} a new link from the job.`,
      detail: `The link was revoked at ${job.token_revoked_at}.`,
      fix: null,
    };
  }
  return {
    layer: 'token',
    ok: true,
    summary: `${name}’s link is switched on.`,
    detail: 'The job has a live tracking token.',
    fix: null,
  };
}

async function checkStatusDocument(
  ctx: DeployContext,
  job: Job,
  site: { url: string; running: boolean },
  name: string,
): Promise<LinkLayerCheck> {
  const key = statusDocumentKey(job.tracking_token);
  const stored = await ctx.prod.get(key);
  const layer = 'status_document' as const;
  if (!stored) {
    return {
      layer,
      ok: false,
      summary: `${name}’s page is missing from the website.`,
      detail: `Prod has no status document for this job (${shortKey(key)}).`,
      fix: 'republish_document',
    };
  }
  if (stored.body.toString('utf8') !== statusDocumentBody(job, ctx.business)) {
    return {
      layer,
      ok: false,
      summary: `${name}’s page is out of date on the website.`,
      detail: 'Prod’s status document is out of date with jobs.json.',
      fix: 'republish_document',
    };
  }
  if (!site.running)
    return {
      layer,
      ok: true,
      summary: `${name}’s page on the website is up to date.`,
      detail: 'Prod’s status document is current (no edge running to ask).',
      fix: null,
    };
  const seen = await fetchPublic(new URL(`/${key}`, site.url).toString());
  if ('error' in seen || seen.status !== 200) {
    const saw = 'error' in seen ? seen.error : `HTTP ${seen.status}`;
    return {
      layer,
      ok: false,
      summary: `The website still shows an old error for ${name}’s page.`,
      detail: `Prod’s document is current, but the edge answers ${saw} for it (a cached error).`,
      fix: 'invalidate',
    };
  }
  return {
    layer,
    ok: true,
    summary: `${name}’s page on the website is up to date.`,
    detail: 'Prod’s status document is current and the edge serves it.',
    fix: null,
  };
}

async function checkEdgeRewrite(
  ctx: DeployContext,
  job: Job,
  name: string,
): Promise<LinkLayerCheck> {
  const layer = 'edge_rewrite' as const;
  const lost = `The website does not take ${name}’s link to the tracking page.`;
  const cdns = await ctx.cdns();
  const cdn = cdns[0];
  if (!cdn) {
    return {
      layer,
      ok: false,
      summary: `${lost} Whoever set up the website must connect it (Settings, AWS).`,
      detail: 'No distribution is configured.',
      fix: null,
    };
  }
  const live = await cdn.describeFunction(ctx.functionName, 'LIVE');
  if (!live)
    return {
      layer,
      ok: false,
      summary: lost,
      detail: `${ctx.functionName} has never been published.`,
      fix: 'publish_function',
    };
  for (const c of cdns) {
    if ((await c.viewerRequestFunctionArn()) !== live.arn) {
      return {
        layer,
        ok: false,
        summary: lost,
        detail: `${c.location} does not run ${ctx.functionName} on viewer requests.`,
        fix: 'publish_function',
      };
    }
  }
  const result = await cdn.testFunction(
    ctx.functionName,
    live.etag,
    viewerRequestEvent(trackingPath(job.tracking_token)),
    'LIVE',
  );
  const routed = routedTo(result.output);
  if (routed && 'uri' in routed && routed.uri === `/${TRACKING_PAGE}`) {
    return {
      layer,
      ok: true,
      summary: `The website takes ${name}’s link to the tracking page.`,
      detail: `The LIVE function routes ${trackingPath('<token>')} to /${TRACKING_PAGE}.`,
      fix: null,
    };
  }
  const saw = result.error ?? (routed ? JSON.stringify(routed) : 'nothing usable');
  return {
    layer,
    ok: false,
    summary: lost,
    detail: `The LIVE function routes ${trackingPath('<token>')} to ${saw}.`,
    fix: 'publish_function',
  };
}

async function checkPage(
  ctx: DeployContext,
  trackingUrl: string,
  running: boolean,
  name: string,
): Promise<LinkLayerCheck> {
  const layer = 'page' as const;
  const release = (await readJournal(ctx)).state.release;
  const expected = release?.files[TRACKING_PAGE]?.etag;
  if (!expected) {
    return {
      layer,
      ok: false,
      summary: 'The tracking page is not on the website yet.',
      detail: `No release holds ${TRACKING_PAGE} yet.`,
      fix: 'promote',
    };
  }
  const inProd = await ctx.prod.head(TRACKING_PAGE);
  if (inProd?.etag !== expected) {
    return {
      layer,
      ok: false,
      summary: 'The website’s tracking page is not the latest one.',
      detail: `Prod’s ${TRACKING_PAGE} is not release ${release.id}’s.`,
      fix: 'promote',
    };
  }
  if (!running)
    return {
      layer,
      ok: true,
      summary: 'The website’s tracking page is the latest one.',
      detail: `Prod holds the release’s ${TRACKING_PAGE} (no edge running to ask).`,
      fix: null,
    };
  const seen = await fetchPublic(trackingUrl);
  if ('error' in seen) {
    return {
      layer,
      ok: false,
      summary: `${name}’s link does not open: the website does not answer. Try again in a minute.`,
      detail: `The link does not answer: ${seen.error}.`,
      fix: null,
    };
  }
  if (seen.status !== 200 || etagOf(seen.body) !== expected) {
    return {
      layer,
      ok: false,
      summary: `The website shows an old copy of the tracking page to ${name}.`,
      detail: `The edge serves ${seen.status === 200 ? `another ${TRACKING_PAGE} than` : `HTTP ${seen.status} instead of`} release ${release.id}’s (stale cache).`,
      fix: 'invalidate',
    };
  }
  return {
    layer,
    ok: true,
    summary: 'The website’s tracking page is the latest one.',
    detail: `The edge serves release ${release.id}’s ${TRACKING_PAGE}.`,
    fix: null,
  };
}

/**
 * The site's token reader (src/shared/tracking-token.ts, which the pages are built from), on
 * the link as texted and as an SMS app may glue punctuation on. It runs this console's copy of
 * the reader, not the script prod serves, so nothing the doctor can do changes its verdict: a
 * promote changes prod's bytes, which this check never reads. A link it cannot read needs the
 * reader or the public URL changed, so no fix is offered.
 */
function checkTokenReading(trackingUrl: string, token: string, name: string): LinkLayerCheck {
  for (const variant of [trackingUrl, `${trackingUrl}.`, `${trackingUrl}/`]) {
    const url = new URL(variant);
    const read = extractToken({ pathname: url.pathname, search: url.search, hash: url.hash });
    if (read.kind !== 'ok' || read.token !== token) {
      return {
        layer: 'token_reading',
        ok: false,
        summary: `The tracking page cannot read ${name}’s link as it is texted. This needs a developer: nothing here can fix it.`,
        detail: `The site’s token reader does not read the token from ${variant.replace(token, '<token>')}: the public URL or the reader must change, and the site be rebuilt. A promote cannot fix it.`,
        fix: null,
      };
    }
  }
  return {
    layer: 'token_reading',
    ok: true,
    summary: `The tracking page reads ${name}’s link, even with a dot a phone adds at the end.`,
    detail:
      'The site’s token reader (this console’s copy) reads the token from the link, with or without glued punctuation.',
    fix: null,
  };
}

/** How the doctor names the customer to the dispatcher: "Mark" for "Mark Olsen". */
function firstNameOf(job: Job): string {
  return job.customer_name.trim().split(/\s+/)[0] || 'The customer';
}

function shortKey(key: string): string {
  return key.replace(/track\/(.{6}).*\.json$/, 'track/$1….json');
}
