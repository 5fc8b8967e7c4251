import { errorMessage } from '../../shared/errors';
import type { JobSaved } from '../../shared/jobs/jobs-api';
import type { Cdn } from '../cdn/cdn';
import type { ObjectStore } from '../storage/object-store';
import { timeId } from '../ids/time-id';
import { oweAndInvalidate } from '../deploy/owe-and-invalidate';
import { DeployJournal } from '../deploy/deploy-journal';
import type { JournalRead, PlannedInvalidation } from '../deploy/deploy-journal';
import { oweKeys, planInvalidation } from '../deploy/owed-invalidations';
import { readJournal } from '../deploy/read-journal';
import { startOnEvery } from '../deploy/settle-journal';
import { statusDocumentKey } from '../../shared/site-keys';
import type { JobActor } from '../jobs/job-actor';
import type { JobsService, LinkChanged } from '../jobs/jobs-service';

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
 *
 * The journal owes the old document before anything is written (one round trip, beside the
 * read of the job). Stopped after its save, or with its withdrawal failed, the change is
 * finished by the next deploy status or command: the document of a token no job holds live is
 * deleted, then invalidated (src/core/deploy/withdrawn-documents.ts). Owed first, a change that
 * never saved costs only a harmless invalidation of a link that still works.
 */
export async function changeJobLink(
  ws: LinkWorkspace,
  action: 'revoke' | 'rotate',
  jobId: string,
  actor: JobActor = {},
): Promise<JobSaved> {
  const ref = `qdn-link-${timeId(new Date())}`;
  const [jobs, journal] = await Promise.all([ws.jobs.listJobs(), readJournal(ws)]);
  const before = jobs.find((j) => j.job_id === jobId);
  // No such job: the change below says so, and nothing is owed.
  const intended = before
    ? await owe(ws, journal, statusDocumentKey(before.tracking_token), ref)
    : null;
  const changed: LinkChanged =
    action === 'revoke'
      ? await ws.jobs.revokeLink(jobId, actor)
      : await ws.jobs.rotateLink(jobId, actor);
  const { job, warning, withdrawnToken } = changed;
  // The old document may still be in prod: invalidated now, the edge could fetch it again.
  // Left planned, the next status deletes it first, then invalidates.
  if (warning) {
    return {
      job,
      warning: `${warning} The old link's copy is withdrawn and invalidated by the next \`qdn deploy status\` or deploy.`,
    };
  }
  try {
    if (intended && withdrawnToken === before?.tracking_token) {
      await startOnEvery(await ws.cdns(), intended, { report: () => {} });
    } else {
      // Another change of the link landed between the read and the save: owe the one withdrawn.
      await oweAndInvalidate(ws, [statusDocumentKey(withdrawnToken)], `${ref}-again`);
    }
  } catch (err) {
    return {
      job,
      warning: `Saved, but the CDN could not be told to drop the old link's copies (${errorMessage(err)}); they expire within seconds.`,
    };
  }
  return { job, warning };
}

/** Owes `key` from `ref` and plans its invalidation, in one journal write; returns the plan. */
async function owe(
  ws: LinkWorkspace,
  journal: JournalRead,
  key: string,
  ref: string,
): Promise<PlannedInvalidation | null> {
  const planned = await new DeployJournal(ws.data).update(
    (s) => planInvalidation(oweKeys(s, [key], ref), ref, null, [key]),
    journal,
  );
  return planned.state.invalidating.find((i) => i.ref === ref) ?? null;
}
