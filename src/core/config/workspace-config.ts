import { z } from 'zod';
import { QdnError } from '../../shared/errors';
import { describeRecordError } from '../../shared/validation-message';
import {
  awsSettingsSchema,
  businessSettingsSchema,
  crewMemberSchema,
  DEFAULT_FUNCTION_NAME,
  publicBaseUrlSchema,
  smsTemplatesSchema,
} from '../../shared/settings/settings';
import { messagesSettingsSchema } from '../../shared/messages/messages-settings';

export { DEFAULT_FUNCTION_NAME };

/**
 * config.json, as read. What Settings edits (business, SMS templates, crew, AWS) uses the
 * shared Settings schemas, so a file written by an older version reads with defaults filled
 * in. Reading is lenient where Settings is strict (e.g. bucket names): a config that worked
 * before must keep working; Settings checks the strict rules before it writes.
 */

/** How long finished jobs stay on the board and online, and how much jobs.json history is kept. */
const jobsLifecycle = z.object({
  /** Completed and canceled jobs older than this move to archive/YYYY-MM.json. */
  archive_after_days: z.number().int().min(1).max(3650).default(30),
  /** A finished job's tracking page is withdrawn this long after it was completed or canceled. */
  status_expiry_days: z.number().int().min(0).max(3650).default(30),
  /**
   * Sandbox only (S3 keeps versions by bucket policy): the newest earlier jobs.json versions that
   * are always kept, whatever their size (0 keeps none), as are those replaced in the last 30
   * days (src/core/storage/folder-versions.ts).
   */
  versions: z.number().int().min(0).max(1000).default(20),
  /** Versions older than those are dropped, oldest first, past this many times the file's size. */
  versions_size_factor: z.number().min(0).max(100).default(2),
});
export type JobsLifecycle = z.infer<typeof jobsLifecycle>;

/** The parts every workspace has, whichever mode. */
const common = {
  business: businessSettingsSchema.prefault({}),
  sms_templates: smsTemplatesSchema.prefault({}),
  crew: z.array(crewMemberSchema).max(200).default([]),
  jobs: jobsLifecycle.prefault({}),
  /** Automatic texts: which statuses, quiet hours, the provider (src/shared/messages/). */
  messages: messagesSettingsSchema.prefault({}),
};

const sandboxConfig = z.object({
  mode: z.literal('sandbox'),
  ...common,
  /** Port the local edge prefers, so texted sandbox links stay valid across restarts. */
  edge_port: z.number().int().min(1024).max(65535).default(4780),
  /** AWS settings prepared while still on the sandbox (Settings keeps them until the switch). */
  aws: awsSettingsSchema.optional(),
});

const siteTarget = z.object({
  bucket: z.string().min(3),
  prefix: z.string().default(''),
});

const functionName = z
  .string()
  .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a CloudFront Function name: letters, digits, - and _')
  .default(DEFAULT_FUNCTION_NAME);

/** An AWS workspace keeps its AWS fields at the top level, as configs always have. */
const awsConfig = z.object({
  mode: z.literal('aws'),
  ...common,
  /** A named profile from ~/.aws/config (SSO profiles included); secrets never live here. */
  profile: z.string().optional(),
  region: z.string().min(1),
  /** An S3-compatible endpoint instead of AWS (MinIO, R2, a local test server). */
  endpoint: z.url().optional(),
  data: siteTarget,
  staging: siteTarget,
  prod: siteTarget.extend({
    public_base_url: publicBaseUrlSchema,
    distribution_ids: z.array(z.string()).default([]),
    function_name: functionName,
  }),
});

export const workspaceConfigSchema = z.discriminatedUnion('mode', [sandboxConfig, awsConfig]);
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
export type AwsWorkspaceConfig = z.infer<typeof awsConfig>;

/** The AWS fields an AWS workspace keeps at the top level of config.json. */
export const AWS_TOP_LEVEL_KEYS = [
  'profile',
  'region',
  'endpoint',
  'data',
  'staging',
  'prod',
] as const satisfies readonly (keyof AwsWorkspaceConfig)[];

/**
 * A fictional number (555-01xx is reserved for fiction): a new sandbox's customer pages then
 * show a way to call from the first job, and the dispatcher sees where their own number goes.
 */
export const SAMPLE_BUSINESS_PHONE = '(555) 010-0199';

/** What a new sandbox's config.json holds. */
export const DEFAULT_SANDBOX_CONFIG: WorkspaceConfig = sandboxConfig.parse({
  mode: 'sandbox',
  business: { phone: SAMPLE_BUSINESS_PHONE },
});

/**
 * config.json's text as written (`raw`, unknown fields included) and as understood (`config`);
 * one that does not parse is an error naming the file and saying what is wrong, in a sentence.
 */
export function parseWorkspaceConfig(
  text: string,
  file: string,
): { raw: Record<string, unknown>; config: WorkspaceConfig } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new QdnError(
      'bad_request',
      `${file} is not valid JSON (${whereJsonBreaks(err, text)}): repair it in a text editor.`,
    );
  }
  const parsed = workspaceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new QdnError(
      'bad_request',
      `${file} is not a valid workspace config: ${describeRecordError(parsed.error)}.`,
    );
  }
  return { raw: raw as Record<string, unknown>, config: parsed.data };
}

/** Where JSON.parse stopped, as an editor counts: "at line 3, column 14". */
function whereJsonBreaks(err: unknown, text: string): string {
  const position = /at position (\d+)/.exec(err instanceof Error ? err.message : '');
  if (!position) return text.trim() === '' ? 'it is empty' : 'it ends before it is complete';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `at line ${line}, column ${column}`;
}
