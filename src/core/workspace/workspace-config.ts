import { z } from 'zod';

/** An IANA zone this runtime's Intl knows (e.g. America/Chicago). */
const ianaZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Chicago');

const business = z.object({
  name: z.string().min(1).max(100).default('QuickDumpNow'),
  phone: z.string().max(40).optional(),
  /** The zone pickups are arranged in; the public pages show every time in it. */
  time_zone: ianaZone.default('America/Chicago'),
});

/** How long finished jobs stay on the board and online, and how much jobs.json history is kept. */
const jobsLifecycle = z.object({
  /** Completed and canceled jobs older than this move to archive/YYYY-MM.json. */
  archive_after_days: z.number().int().min(1).max(3650).default(30),
  /** A finished job's tracking page is withdrawn this long after it was completed or canceled. */
  status_expiry_days: z.number().int().min(0).max(3650).default(30),
  /** Sandbox only (S3 keeps versions by bucket policy): earlier jobs.json versions kept… */
  versions: z.number().int().min(0).max(1000).default(20),
  /** …within this many times the current file's size. */
  versions_size_factor: z.number().min(0).max(100).default(2),
});
export type JobsLifecycle = z.infer<typeof jobsLifecycle>;

const sandboxConfig = z.object({
  mode: z.literal('sandbox'),
  business: business.prefault({}),
  jobs: jobsLifecycle.prefault({}),
  /** Port the local edge prefers, so texted sandbox links stay valid across restarts. */
  edge_port: z.number().int().min(1024).max(65535).default(4780),
});

const siteTarget = z.object({
  bucket: z.string().min(3),
  prefix: z.string().default(''),
});

/** Where customers' links point. The site's pages live at the root, so an origin only. */
const publicBaseUrl = z.url({ protocol: /^https?$/ }).refine(
  (value) => {
    const url = new URL(value);
    return url.pathname === '/' && !url.search && !url.hash && !url.username;
  },
  { message: 'must be an origin such as https://track.example.com, with no path' },
);

/** The CloudFront Function that routes /track and /book (site/edge/viewer-request.js). */
export const DEFAULT_FUNCTION_NAME = 'qdn-viewer-request';
const functionName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a CloudFront Function name: letters, digits, - and _')
  .default(DEFAULT_FUNCTION_NAME);

const awsConfig = z.object({
  mode: z.literal('aws'),
  business: business.prefault({}),
  jobs: jobsLifecycle.prefault({}),
  /** A named profile from ~/.aws/config (SSO profiles included); secrets never live here. */
  profile: z.string().optional(),
  region: z.string().min(1),
  /** An S3-compatible endpoint instead of AWS (MinIO, R2, a local test server). */
  endpoint: z.url().optional(),
  data: siteTarget,
  staging: siteTarget,
  prod: siteTarget.extend({
    public_base_url: publicBaseUrl,
    distribution_ids: z.array(z.string()).default([]),
    function_name: functionName,
  }),
});

export const workspaceConfigSchema = z.discriminatedUnion('mode', [sandboxConfig, awsConfig]);
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type AwsWorkspaceConfig = z.infer<typeof awsConfig>;

export const DEFAULT_SANDBOX_CONFIG: WorkspaceConfig = sandboxConfig.parse({ mode: 'sandbox' });
