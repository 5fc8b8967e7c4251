import type { Workspace } from '../workspace/open-workspace';
import { Releases } from './releases';
import { workspaceDeploy } from './workspace-deploy';

/**
 * A new sandbox gets its first release the way AWS prod does — stage, publish the edge
 * function, promote, all in the deploy history — and from then on prod changes only through
 * the pipeline: starting the console never deploys behind the dispatcher's back.
 */
export async function ensureSandboxFirstRelease(ws: Workspace): Promise<boolean> {
  if (ws.config.mode !== 'sandbox') return false;
  if ((await new Releases(ws.data).ids()).length > 0) return false;
  const deploy = workspaceDeploy(ws, { surface: 'console' });
  await deploy.stage();
  await deploy.publishFunction({ associate: true });
  // No edge runs yet, so nothing is cached: there is nothing to invalidate.
  await deploy.promote({ invalidate: false, prune: false });
  return true;
}
