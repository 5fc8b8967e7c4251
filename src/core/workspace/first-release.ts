import type { Workspace } from './open-workspace';
import { Releases } from '../deploy/releases';
import { workspaceDeploy } from './workspace-deploy';

/**
 * A new sandbox gets its first release the way AWS prod does — stage, publish the edge
 * function, promote, all in the deploy history — and from then on prod changes only through
 * the pipeline: starting the console never deploys behind the dispatcher's back. Returns what
 * it did, for the caller to say.
 */
export async function ensureSandboxFirstRelease(ws: Workspace): Promise<string[]> {
  if (ws.config.mode !== 'sandbox') return [];
  const deploy = workspaceDeploy(ws, { surface: 'console' });
  const done: string[] = [];
  const [cdn] = await ws.cdns();
  if (cdn && !(await cdn.describeFunction(ws.functionName, 'LIVE'))) {
    await deploy.publishEdgeFunction({ associate: true });
    done.push('published the edge function');
  }
  if ((await new Releases(ws.data).ids()).length === 0) {
    await deploy.stageSite();
    // No edge runs yet, so nothing is cached: there is nothing to invalidate.
    await deploy.promote({ invalidate: false, prune: false });
    done.push('staged and promoted the built site');
  }
  return done;
}
