import type { DeployApi } from '../../shared/deploy/deploy-api';
import type { QdnEventSink } from '../events/event-hub';
import type { Workspace } from '../workspace/open-workspace';
import { DeployService } from '../deploy/deploy-service';
import { linkDoctor } from '../operations/link-doctor';
import { workspaceDeployContext } from '../workspace/workspace-deploy';
import { passThrough } from './pass-through';

/** The Deploy panel's calls over one workspace; progress goes out as `deployProgress` events. */
export function createDeployApi(ws: Workspace, emit: QdnEventSink): DeployApi {
  const ctx = workspaceDeployContext(ws, {
    surface: 'console',
    emit: (progress) => emit('deployProgress', progress),
  });
  const deploy = new DeployService(ctx);
  const doctor = linkDoctor(ctx);
  return {
    ...passThrough(deploy, [
      'getDeployStatus',
      'stageSite',
      'planPromote',
      'promote',
      'invalidateProd',
      'verifyProd',
      'listReleases',
      'rollback',
      'inspectEdgeFunction',
      'publishEdgeFunction',
      'listDeployHistory',
    ]),
    runLinkDoctor: (jobId) => doctor.diagnose(jobId),
    applyLinkFix: (jobId, fix) => doctor.fix(jobId, fix),
  };
}
