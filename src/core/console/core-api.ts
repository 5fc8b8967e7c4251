import type { CoreApi } from '../../shared/api';
import type { Workspace } from '../workspace/open-workspace';
import { createDeployApi } from '../deploy/deploy-api';
import { createInboxApi } from '../inbox/inbox-service';
import { createSettingsApi } from '../settings/settings-api';
import type { QdnEventSink } from './event-hub';
import { QdnError } from '../../shared/errors';

function notBuilt(method: string): never {
  throw new QdnError('internal', `${method} is not built yet.`);
}

/**
 * The console's core calls over one workspace. Electron's IPC and the browser harness both
 * serve exactly this object; arguments arrive already parsed against the contract.
 */
export function createCoreApi(ws: Workspace, emit: QdnEventSink = () => {}): CoreApi {
  return {
    ...createDeployApi(ws, emit),
    ...createInboxApi(ws, emit),
    ...createSettingsApi(ws),
    getWorkspace: () => ws.info(),
    listJobs: () => ws.jobs.list(),
    createJob: (input) => ws.jobs.create(input),
    setJobStatus: (jobId, status) => ws.jobs.setStatus(jobId, status),
    listArchivedJobs: () => ws.jobs.listArchived(),
    // Contract declared ahead of its implementation (issue 8, in progress this stop).
    editJob: () => notBuilt('editJob'),
    revokeJobLink: () => notBuilt('revokeJobLink'),
    rotateJobLink: () => notBuilt('rotateJobLink'),
    listJobsFileVersions: () => ws.jobs.versions(),
    restoreJobsFileVersion: (versionId) => ws.jobs.restore(versionId),
  };
}
