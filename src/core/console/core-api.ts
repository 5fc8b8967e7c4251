import type { CoreApi } from '../../shared/api';
import type { Workspace } from '../workspace/open-workspace';
import { createDeployApi } from './deploy-api';
import { createInboxApi } from '../inbox/inbox-service';
import { createSettingsApi } from '../settings/settings-api';
import type { QdnEventSink } from '../events/event-hub';
import { workspaceActor } from '../jobs/workspace-job-rules';
import { changeJobLink } from '../operations/link-change';
import { loadSampleDay } from '../jobs/sample-day';
import { QdnError } from '../../shared/errors';
import { passThrough } from './pass-through';
import { workspaceReport } from '../reports/workspace-report';
import { createMessagesApi } from '../operations/messages-api';
import { setStatusAndText } from '../operations/texting-status-change';
import { workspaceFlushDeps } from '../workspace/workspace-texts';
import type { TextFlusher } from '../operations/text-flusher';

/**
 * The console's core calls over one workspace. Electron's IPC and the browser harness both
 * serve exactly this object; arguments arrive already parsed against the contract.
 */
export function createCoreApi(
  ws: Workspace,
  emit: QdnEventSink = () => {},
  texts: Pick<TextFlusher, 'flushNow'> | null = null,
): CoreApi {
  // Per call: Settings may change the crew or the business's country while the console runs.
  const actor = () => workspaceActor(ws.config, 'console');
  const inbox = createInboxApi(ws, emit, undefined, actor);
  return {
    ...createDeployApi(ws, emit),
    ...inbox,
    // A pass's confirmations owe their scheduled texts: sent after the pass, in the background
    // (the flusher reports what changed as textsChanged), so the pass's answer never waits.
    ingestInbox: async () => {
      const result = await inbox.ingestInbox();
      if (texts && result.confirmed.length > 0) {
        void texts.flushNow(result.confirmed.map((job) => job.job_id));
      }
      return result;
    },
    ...createSettingsApi(ws),
    ...createMessagesApi(ws, { emit, by: () => actor().by }),
    ...passThrough(ws.jobs, [
      'listJobs',
      'listArchivedJobs',
      'listJobsFileVersions',
      'restoreJobsFileVersion',
    ]),
    getWorkspace: () => ws.info(),
    // The calls that change jobs name who made the change, with the workspace's rules.
    createJob: (input) => ws.jobs.createJob(input, actor()),
    createRequest: (input) => ws.jobs.createRequest(input, actor()),
    // A status change that texts: the change, then the text it owes (operations floor).
    setJobStatus: (jobId, status, reason, move) => {
      const who = actor();
      return setStatusAndText(
        ws.jobs,
        () => workspaceFlushDeps(ws, who.by ? { by: who.by } : {}),
        jobId,
        status,
        reason,
        who,
        move,
      );
    },
    editJob: (jobId, edit) => ws.jobs.editJob(jobId, edit, actor()),
    revokeJobLink: (jobId) => changeJobLink(ws, 'revoke', jobId, actor()),
    rotateJobLink: (jobId) => changeJobLink(ws, 'rotate', jobId, actor()),
    getReport: (range) => workspaceReport(ws.jobs, range, ws.config.business.time_zone),
    loadSampleDay: async () => {
      // Sample customers' pages must never reach a real public site.
      if (ws.config.mode !== 'sandbox') {
        throw new QdnError('bad_request', 'The sample day is for the sandbox only.');
      }
      return loadSampleDay(ws, ws.config.business.currency, actor());
    },
  };
}
