import path from 'node:path';
import type { WorkspaceInfo } from '../../shared/jobs/jobs-api';
import { CheckedRevisionsFile } from '../jobs/checked-revisions';
import { JobsRepository, JOBS_KEY } from '../jobs/jobs-repository';
import { JobsService } from '../jobs/jobs-service';
import { StatusPublisher } from '../publishing/status-publisher';
import { LocalFolderStore } from '../storage/local-folder-store';
import type { ObjectStore } from '../storage/object-store';
import type { Cdn } from '../cdn/cdn';
import { LocalEdgeCdn } from '../sandbox/local-edge-cdn';
import { readRunningEdge } from '../sandbox/edge-state';
import { DEFAULT_FUNCTION_NAME } from '../config/workspace-config';
import { readOrCreateConfig } from '../config/config-file';
import type {
  AwsWorkspaceConfig,
  JobsLifecycle,
  WorkspaceConfig,
} from '../config/workspace-config';
import { siteFileRules } from '../site/site-file-rules';
import { isSiteDataKey } from '../../shared/site-keys';
import { withActionableErrors } from '../aws/actionable-errors-middleware';
import type { AwsCallContext } from '../aws/aws-errors';

/** Everything a console or CLI session works with, wired to the right adapters. */
export interface Workspace {
  dir: string;
  config: WorkspaceConfig;
  data: ObjectStore;
  sites: { staging: ObjectStore; prod: ObjectStore };
  /** jobs.json in the data store; the inbox writes through it too. */
  repository: JobsRepository;
  jobs: JobsService;
  /** The distributions in front of prod: the local edge in the sandbox, CloudFront on AWS. */
  cdns(): Promise<Cdn[]>;
  /** The CloudFront Function that routes /track and /book. */
  functionName: string;
  /** Where customers' links point: the running local edge in the sandbox, the CDN on AWS. */
  publicBaseUrl(): Promise<string>;
  /** The same, and whether anything answers there (false: a sandbox with no edge running). */
  publicSite(): Promise<{ url: string; running: boolean }>;
  info(): Promise<WorkspaceInfo>;
}

/**
 * Opens a workspace folder. A folder without config.json becomes a new sandbox; a config.json
 * that does not parse is reported, never replaced.
 */
export async function openWorkspace(dir: string): Promise<Workspace> {
  const root = path.resolve(dir);
  const config = await readOrCreateConfig(root);
  const { data, staging, prod } =
    config.mode === 'sandbox' ? sandboxStores(root, config.jobs) : await awsStores(config);
  // Status documents go to prod only: staging is for checking a build, not for customers.
  const publisher = new StatusPublisher([prod], config.business, {
    days: config.jobs.status_expiry_days,
  });
  // What this workspace found valid, beside its config (a local record, even for AWS).
  const checked = new CheckedRevisionsFile(path.join(root, '.qdn', 'checked-jobs.json'));
  const repository = new JobsRepository(data, JOBS_KEY, checked);
  const jobs = new JobsService(repository, publisher, undefined, config.jobs.archive_after_days);

  async function publicSite(): Promise<{ url: string; running: boolean }> {
    if (config.mode === 'aws') return { url: config.prod.public_base_url, running: true };
    const edge = await readRunningEdge(root, config.edge_port);
    // None running: where the next sandbox will most likely listen (the CLI warns about it).
    return { url: edge?.url ?? `http://127.0.0.1:${config.edge_port}`, running: edge !== null };
  }
  const publicBaseUrl = async () => (await publicSite()).url;
  let cdns: Promise<Cdn[]> | null = null;

  return {
    dir: root,
    config,
    data,
    sites: { staging, prod },
    repository,
    jobs,
    cdns: () =>
      (cdns ??=
        config.mode === 'sandbox'
          ? Promise.resolve([new LocalEdgeCdn(root)])
          : cloudFrontCdns(config)),
    functionName: config.mode === 'aws' ? config.prod.function_name : DEFAULT_FUNCTION_NAME,
    publicBaseUrl,
    publicSite,
    async info() {
      return {
        mode: config.mode,
        publicBaseUrl: await publicBaseUrl(),
        businessName: config.business.name,
        location: config.mode === 'sandbox' ? root : data.location,
      };
    },
  };
}

/**
 * Folders that stand for the buckets. jobs.json keeps its history within the configured
 * budget; site files get their headers from the site's rules, and status documents (data the
 * pipeline never copies) keep no versions.
 */
function sandboxStores(root: string, lifecycle: JobsLifecycle) {
  const budget = { count: lifecycle.versions, sizeFactor: lifecycle.versions_size_factor };
  const site = (name: string) =>
    new LocalFolderStore(path.join(root, 'sites', name), {
      headers: siteFileRules,
      versioned: (key) => !isSiteDataKey(key),
      budget,
    });
  return {
    // Booking submissions are written once and filed once: their history is the filed copy.
    // The sandbox phone's queue is a queue: an acked event kept as a version would stay forever.
    data: new LocalFolderStore(path.join(root, 'data'), {
      budget,
      versioned: (key) => !key.startsWith('inbox/') && !key.startsWith('sandbox-phone/'),
    }),
    staging: site('staging'),
    prod: site('prod'),
  };
}

/** Loaded on demand: the AWS SDK is a third of a sandbox CLI call's start-up otherwise. */
async function awsStores(config: AwsWorkspaceConfig) {
  const [credentials, { createS3Client, S3Store }] = await Promise.all([
    profileCredentials(config),
    import('../storage/s3-store'),
  ]);
  const client = withActionableErrors(
    createS3Client({
      region: config.region,
      endpoint: config.endpoint,
      credentials,
    }),
    awsContext(config, 's3'),
  );
  return {
    data: new S3Store(client, config.data.bucket, config.data.prefix),
    staging: new S3Store(client, config.staging.bucket, config.staging.prefix),
    prod: new S3Store(client, config.prod.bucket, config.prod.prefix),
  };
}

/** Loaded on demand, like the S3 client: only an AWS deploy needs CloudFront. */
async function cloudFrontCdns(config: AwsWorkspaceConfig): Promise<Cdn[]> {
  // No distribution in front of prod: nothing to call, so no CloudFront client to load.
  if (config.prod.distribution_ids.length === 0) return [];
  const [credentials, { CloudFrontCdn, createCloudFrontClient }] = await Promise.all([
    profileCredentials(config),
    import('../cdn/cloudfront-cdn'),
  ]);
  const client = withActionableErrors(
    createCloudFrontClient({ credentials }),
    awsContext(config, 'cloudfront'),
  );
  return config.prod.distribution_ids.map((id) => new CloudFrontCdn(client, id));
}

/**
 * Credentials stay in this process: a named profile (SSO included), or, with none, undefined,
 * so that the client takes the SDK's default chain, which it loads anyway. The providers
 * package is loaded only for a profile: its ~40 modules cost a promote ~30-40 ms of start-up
 * (bench/profile-promote.ts).
 */
async function profileCredentials(config: AwsWorkspaceConfig) {
  if (!config.profile) return undefined;
  const { fromIni } = await import('@aws-sdk/credential-providers');
  return fromIni({ profile: config.profile });
}

/** What an AWS error message names: the profile to sign in with, the region, the endpoint. */
function awsContext(config: AwsWorkspaceConfig, service: AwsCallContext['service']) {
  return {
    service,
    region: config.region,
    ...(config.profile ? { profile: config.profile } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  };
}
