import { messagesSettingsSchema } from '../../shared/messages/messages-settings';
import { businessSettingsSchema } from '../../shared/settings/settings';
import type { AwsSettings, Settings } from '../../shared/settings/settings';
import { AWS_TOP_LEVEL_KEYS } from '../config/workspace-config';
import type { AwsWorkspaceConfig, WorkspaceConfig } from '../config/workspace-config';

/**
 * Settings ↔ config.json. An AWS workspace keeps its AWS fields at the top level (as configs
 * always have); a sandbox keeps prepared AWS settings in an `aws` block, so a dispatcher can
 * fill them in and check access before switching.
 */

type Json = Record<string, unknown>;

/** Optional fields Settings owns: absent from the saved settings means removed from the file. */
const BUSINESS_KEYS = Object.keys(businessSettingsSchema.shape);
const AWS_OPTIONAL_KEYS = ['profile', 'endpoint'];
const MESSAGES_KEYS = Object.keys(messagesSettingsSchema.shape);
const MESSAGES_AWS_KEYS = Object.keys(messagesSettingsSchema.shape.aws.unwrap().shape);

/** What Settings shows for a workspace's config. */
export function settingsOf(config: WorkspaceConfig): Settings {
  return {
    mode: config.mode,
    business: config.business,
    sms_templates: config.sms_templates,
    crew: config.crew,
    aws: config.mode === 'aws' ? awsOf(config) : (config.aws ?? null),
    messages: config.messages,
  };
}

function awsOf(config: AwsWorkspaceConfig): AwsSettings {
  const { prod } = config;
  return withoutUndefined({
    profile: config.profile,
    region: config.region,
    endpoint: config.endpoint,
    data: { bucket: config.data.bucket, prefix: config.data.prefix },
    staging: { bucket: config.staging.bucket, prefix: config.staging.prefix },
    prod: {
      bucket: prod.bucket,
      prefix: prod.prefix,
      public_base_url: prod.public_base_url,
      distribution_ids: prod.distribution_ids,
      function_name: prod.function_name,
    },
  });
}

/**
 * The config.json object with `settings` applied over `raw` (the file as it was). Fields
 * Settings does not know (the jobs lifecycle, the edge port, anything a newer version wrote)
 * stay as they were; a field Settings cleared (e.g. the phone) goes.
 */
export function configWith(raw: Json, settings: Settings): Json {
  const next: Json = { ...raw, mode: settings.mode };
  next.business = overlay(objectAt(raw, 'business'), settings.business, BUSINESS_KEYS);
  next.sms_templates = { ...objectAt(raw, 'sms_templates'), ...settings.sms_templates };
  next.crew = settings.crew;
  next.messages = messagesWith(objectAt(raw, 'messages'), settings.messages);
  // The AWS fields live in one place only, by mode; a prepared block's extra fields follow it.
  const earlierAws = raw.mode === 'aws' ? pick(raw, AWS_TOP_LEVEL_KEYS) : objectAt(raw, 'aws');
  for (const key of AWS_TOP_LEVEL_KEYS) delete next[key];
  delete next.aws;
  if (settings.aws) {
    const aws = overlayAws(earlierAws, settings.aws);
    if (settings.mode === 'aws') Object.assign(next, aws);
    else next.aws = aws;
  }
  return next;
}

/**
 * `messages` with the Texts settings over it: what they cleared (quiet hours, a configuration
 * set) goes, what a newer console keeps there (another provider's block, a price cap) stays.
 */
function messagesWith(earlier: Json, messages: Settings['messages']): Json {
  const { aws, ...rest } = messages;
  const next = overlay(earlier, withoutUndefined(rest), MESSAGES_KEYS);
  if (aws) next.aws = overlay(objectAt(earlier, 'aws'), withoutUndefined(aws), MESSAGES_AWS_KEYS);
  return next;
}

function overlayAws(earlier: Json, aws: AwsSettings): Json {
  return {
    ...overlay(earlier, aws, AWS_OPTIONAL_KEYS),
    data: { ...objectAt(earlier, 'data'), ...aws.data },
    staging: { ...objectAt(earlier, 'staging'), ...aws.staging },
    prod: { ...objectAt(earlier, 'prod'), ...aws.prod },
  };
}

/** `base` with `values` set over it; an `owned` key absent from `values` is removed. */
function overlay(base: Json, values: object, owned: readonly string[]): Json {
  const out: Json = { ...base };
  for (const key of owned) delete out[key];
  return Object.assign(out, values);
}

function objectAt(raw: Json, key: string): Json {
  const value = raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

function pick(raw: Json, keys: readonly string[]): Json {
  return Object.fromEntries(keys.filter((k) => k in raw).map((k) => [k, raw[k]]));
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
