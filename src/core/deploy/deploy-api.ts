import type { DeployApi } from '../../shared/deploy/deploy-api';
import { QdnError } from '../../shared/errors';
import type { QdnEventSink } from '../console/event-hub';
import type { Workspace } from '../workspace/open-workspace';

const notYet = () => Promise.reject(new QdnError('internal', 'Deploys are being built.'));

/** The Deploy panel's calls over one workspace; progress goes out through `emit`. */
export function createDeployApi(_ws: Workspace, _emit: QdnEventSink): DeployApi {
  return {
    getDeployStatus: notYet,
    stageSite: notYet,
    planPromote: notYet,
    promote: notYet,
    invalidateProd: notYet,
    verifyProd: notYet,
    listReleases: notYet,
    rollback: notYet,
    inspectEdgeFunction: notYet,
    publishEdgeFunction: notYet,
    runLinkDoctor: notYet,
    applyLinkFix: notYet,
    listDeployHistory: notYet,
  };
}
