import { readFile } from 'node:fs/promises';
import type { DeployProgress } from '../../shared/deploy/deploy-api';
import { builtSiteDir, edgeFunctionPath } from '../workspace/app-files';
import type { Workspace } from '../workspace/open-workspace';
import type { DeployContext } from './deploy-context';
import { deployerName } from '../ids/deployer-name';
import { DeployService } from './deploy-service';
import type { JournalOwner } from './deploy-journal';
import { thisOwner } from './prod-intent';

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
  const wait = { ...INVALIDATION_WAIT[ws.config.mode] };
  if (options.invalidationTimeoutMs !== undefined) wait.timeoutMs = options.invalidationTimeoutMs;
  const ctx: DeployContext = {
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
  return new DeployService(ctx);
}
