import type { CoreApi } from '../../shared/api';
import type { Workspace } from '../workspace/open-workspace';
import { createDeployApi } from './deploy-api';
import { createInboxApi } from '../inbox/inbox-service';
import { createSettingsApi } from '../settings/settings-api';
import type { QdnEventSink } from '../events/event-hub';
import { workspaceActor } from '../jobs/workspace-job-rules';
import { changeJobLink } from '../operations/link-change';

/**
 * The console's core calls over one workspace. Electron's IPC and the browser harness both
 * serve exactly this object; arguments arrive already parsed against the contract.
 */
export function createCoreApi(ws: Workspace, emit: QdnEventSink = () => {}): CoreApi {
  // Per call: Settings may change the crew or the business's country while the console runs.
  const actor = () => workspaceActor(ws.config, 'console');
  return {
    ...createDeployApi(ws, emit),
    ...createInboxApi(ws, emit),
    ...createSettingsApi(ws),
    getWorkspace: () => ws.info(),
    listJobs: () => ws.jobs.list(),
    createJob: (input) => ws.jobs.create(input, actor()),
    setJobStatus: (jobId, status, reason) => ws.jobs.setStatus(jobId, status, reason, actor()),
    editJob: (jobId, edit) => ws.jobs.edit(jobId, edit, actor()),
    revokeJobLink: (jobId) => changeJobLink(ws, 'revoke', jobId, actor()),
    rotateJobLink: (jobId) => changeJobLink(ws, 'rotate', jobId, actor()),
    listArchivedJobs: () => ws.jobs.listArchived(),
    listJobsFileVersions: () => ws.jobs.versions(),
    restoreJobsFileVersion: (versionId) => ws.jobs.restore(versionId),
  };
}
