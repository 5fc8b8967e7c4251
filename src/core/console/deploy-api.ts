import type { DeployApi } from '../../shared/deploy/deploy-api';
import type { QdnEventSink } from '../events/event-hub';
import type { Workspace } from '../workspace/open-workspace';
import { DeployService } from '../deploy/deploy-service';
import { linkDoctor } from '../operations/link-doctor';
import { workspaceDeployContext } from '../workspace/workspace-deploy';

/** The Deploy panel's calls over one workspace; progress goes out as `deployProgress` events. */
export function createDeployApi(ws: Workspace, emit: QdnEventSink): DeployApi {
  const ctx = workspaceDeployContext(ws, {
    surface: 'console',
    emit: (progress) => emit('deployProgress', progress),
  });
  const deploy = new DeployService(ctx);
  const doctor = linkDoctor(ctx);
  return {
    getDeployStatus: () => deploy.status(),
    stageSite: () => deploy.stage(),
    planPromote: () => deploy.plan(),
    promote: (options) => deploy.promote(options),
    invalidateProd: (paths) => deploy.invalidate(paths),
    verifyProd: () => deploy.verify(),
    listReleases: () => deploy.listReleases(),
    rollback: (releaseId) => deploy.rollback(releaseId),
    inspectEdgeFunction: () => deploy.inspectFunction(),
    publishEdgeFunction: (options) => deploy.publishFunction(options),
    runLinkDoctor: (jobId) => doctor.diagnose(jobId),
    applyLinkFix: (jobId, fix) => doctor.fix(jobId, fix),
    listDeployHistory: () => deploy.listHistory(),
  };
}
