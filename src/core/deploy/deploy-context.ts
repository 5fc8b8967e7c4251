import { timeId } from '../ids/time-id';
import type { DeployAction, DeployProgress } from '../../shared/deploy/deploy-api';
import type { Cdn } from '../cdn/cdn';
import type { JournalOwner } from './deploy-journal';
import type { JobsService } from '../jobs/jobs-service';
import type { BusinessProfile } from '../publishing/public-status';
import type { ObjectStore } from '../storage/object-store';

/** Everything a deploy action works with; built from a workspace, or by tests. */
export interface DeployContext {
  mode: 'sandbox' | 'aws';
  data: ObjectStore;
  staging: ObjectStore;
  prod: ObjectStore;
  /** One per distribution in front of prod (the local edge in the sandbox). */
  cdns(): Promise<Cdn[]>;
  functionName: string;
  /** The viewer-request function as this version ships it (site/edge/). */
  functionCode(): Promise<string>;
  /** The built site folder Stage uploads by default. */
  siteDir: string;
  /** The public base URL, and whether anything answers there. */
  publicSite(): Promise<{ url: string; running: boolean }>;
  jobs: JobsService;
  business: BusinessProfile;
  /** Who acts, for history and releases: `user@host (console)`. */
  by: string;
  /** The process acting, so an intent it leaves behind is taken over once it is gone. */
  owner: JournalOwner;
  /** How long to wait for invalidations, and how often to poll them. */
  invalidationWait: { timeoutMs: number; pollMs: number };
  emit(progress: DeployProgress): void;
  now(): Date;
}

/** Progress of one run, sent as `deployProgress` events. */
export class RunProgress {
  readonly runId: string;

  constructor(
    private readonly ctx: Pick<DeployContext, 'emit' | 'now'>,
    readonly action: DeployAction,
  ) {
    this.runId = timeId(ctx.now());
  }

  report(
    step: string,
    state: DeployProgress['state'],
    message: string,
    count?: { done: number; total: number },
  ): void {
    this.ctx.emit({ runId: this.runId, action: this.action, step, state, message, ...count });
  }
}
