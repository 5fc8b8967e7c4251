import { errorMessage } from '../../shared/errors';
import type { JobSaved } from '../../shared/api';
import type { Cdn } from '../cdn/cdn';
import type { ObjectStore } from '../storage/object-store';
import { timeId } from '../deploy/deploy-context';
import { invalidationPathsFor } from '../deploy/invalidation-paths';
import { oweAndInvalidate } from '../deploy/owe-and-invalidate';
import { statusDocumentKey } from '../../shared/tracking-link';
import type { JobActor } from './job-actor';
import type { JobsService, LinkChanged } from './jobs-service';

/** The CDN paths that serve a token: its status document and the page's route. */
export function trackingPaths(token: string): string[] {
  return invalidationPathsFor([statusDocumentKey(token)]);
}

/** What a link change needs of a workspace: its jobs and the distributions in front of prod. */
export interface LinkWorkspace {
  jobs: JobsService;
  /** The data bucket, where the deploy journal owes the withdrawn document's paths. */
  data: ObjectStore;
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
    // The journal owes the withdrawn document until its invalidation completes, so one that
    // cannot start now is started by the next deploy command or status.
    await oweAndInvalidate(
      ws,
      [statusDocumentKey(withdrawnToken)],
      `qdn-link-${timeId(new Date())}`,
    );
  } catch (err) {
    const cdnWarning = `the CDN could not be told to drop the old link's copies (${errorMessage(err)}); they expire within seconds.`;
    return {
      job,
      warning: warning ? `${warning} Also, ${cdnWarning}` : `Saved, but ${cdnWarning}`,
    };
  }
  return { job, warning };
}
