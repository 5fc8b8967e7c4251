import { errorMessage } from '../../shared/errors';
import type { JobSaved } from '../../shared/api';
import type { Cdn } from '../cdn/cdn';
import { RunProgress } from '../deploy/deploy-context';
import { startInvalidations } from '../deploy/invalidate';
import type { JobActor } from './job-actor';
import type { JobsService, LinkChanged } from './jobs-service';

/** The CDN paths that serve a token: the page's route and its status document. */
export function trackingPaths(token: string): string[] {
  return [`/track/${token}`, `/api/track/${token}.json`];
}

/** What a link change needs of a workspace: its jobs and the distributions in front of prod. */
export interface LinkWorkspace {
  jobs: JobsService;
  cdns(): Promise<Cdn[]>;
}

/**
 * Revokes or rotates a job's link so the old one says "no longer valid" at once: saved, the
 * old document withdrawn, then the CDNs' cached copies of its paths invalidated (the local
 * edge in the sandbox, CloudFront on AWS, as a deploy's invalidation). A CDN that cannot be
 * told is a warning on the saved change: its copy expires within the documents' few seconds'
 * cache life anyway (see STATUS_DOCUMENT_CACHE_CONTROL).
 */
export async function changeJobLink(
  ws: LinkWorkspace,
  action: 'revoke' | 'rotate',
  jobId: string,
  actor: JobActor = {},
): Promise<JobSaved> {
  const changed: LinkChanged =
    action === 'revoke'
      ? await ws.jobs.revokeLink(jobId, actor)
      : await ws.jobs.rotateLink(jobId, actor);
  const { job, warning, withdrawnToken } = changed;
  try {
    const progress = new RunProgress({ emit: () => {}, now: () => new Date() }, 'invalidate');
    await startInvalidations(await ws.cdns(), trackingPaths(withdrawnToken), progress);
  } catch (err) {
    const cdnWarning = `the CDN could not be told to drop the old link's copies (${errorMessage(err)}); they expire within seconds.`;
    return {
      job,
      warning: warning ? `${warning} Also, ${cdnWarning}` : `Saved, but ${cdnWarning}`,
    };
  }
  return { job, warning };
}
