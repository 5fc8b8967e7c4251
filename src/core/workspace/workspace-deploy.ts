import { readFile } from 'node:fs/promises';
import type { DeployProgress } from '../../shared/deploy/deploy-api';
import { builtSiteDir, edgeFunctionPath } from './app-files';
import type { Workspace } from './open-workspace';
import type { DeployContext } from '../deploy/deploy-context';
import { deployerName } from '../ids/deployer-name';
import { DeployService } from '../deploy/deploy-service';
import type { JournalOwner } from '../deploy/deploy-journal';
import { thisOwner } from '../deploy/prod-intent';

/** CloudFront takes seconds to minutes; the local edge, about a second. */
const INVALIDATION_WAIT = {
  aws: { timeoutMs: 15 * 60_000, pollMs: 20_000 },
  sandbox: { timeoutMs: 30_000, pollMs: 200 },
};

export interface WorkspaceDeployOptions {
  surface: 'console' | 'cli';
  emit?: (progress: DeployProgress) => void;
  /** Stop waiting for invalidations after this long (they go on; history keeps their ids). */
  invalidationTimeoutMs?: number;
  /** The built site Stage uploads by default (out/site). */
  siteDir?: string;
  /** The viewer-request function to deploy (site/edge/viewer-request.js). */
  functionSource?: string;
  /** The process the journal names as acting (tests stand in a gone one). */
  owner?: JournalOwner;
}

/** The deploy pipeline over a workspace's buckets, CDN and public URL. */
export function workspaceDeploy(ws: Workspace, options: WorkspaceDeployOptions): DeployService {
  return new DeployService(workspaceDeployContext(ws, options));
}

/** What a deploy action (and the link doctor) works with, built from a workspace. */
export function workspaceDeployContext(
  ws: Workspace,
  options: WorkspaceDeployOptions,
): DeployContext {
  const wait = { ...INVALIDATION_WAIT[ws.config.mode] };
  if (options.invalidationTimeoutMs !== undefined) wait.timeoutMs = options.invalidationTimeoutMs;
  return {
    mode: ws.config.mode,
    data: ws.data,
    staging: ws.sites.staging,
    prod: ws.sites.prod,
    cdns: () => ws.cdns(),
    functionName: ws.functionName,
    functionCode: () => readFile(options.functionSource ?? edgeFunctionPath(), 'utf8'),
    siteDir: options.siteDir ?? builtSiteDir(),
    publicSite: () => ws.publicSite(),
    jobs: ws.jobs,
    business: ws.config.business,
    by: deployerName(options.surface),
    owner: options.owner ?? thisOwner(),
    invalidationWait: wait,
    emit: options.emit ?? (() => {}),
    now: () => new Date(),
  };
}
