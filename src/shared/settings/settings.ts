import { z } from 'zod';
import { messagesSettingsSchema } from '../messages/messages-settings';

/**
 * What the dispatcher sets in Settings (issue 8 §8), validated the same way in the renderer
 * (per field, as they type) and in core (before anything is written). Secrets never appear
 * here: AWS credentials come from the named profile, resolved in main.
 */

let canonicalZones: Set<string> | null = null;

/** An IANA zone this runtime's Intl knows (e.g. America/Chicago). */
export const ianaZoneSchema = z.string().refine((zone) => {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  // A canonical name is looked up (~2 ms); building a formatter loads the zone data instead,
  // ~15–20 ms of every `qdn` start-up. Aliases (US/Central, Asia/Calcutta) still go that way.
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/Chicago');

/** An ISO 4217 code this runtime's Intl knows: a business never means "XYZ". */
export const currencyCodeSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code such as USD')
      .refine(
        (code) => Intl.supportedValuesOf('currency').includes(code),
        'is not an ISO 4217 currency code',
      ),
  );

export const businessSettingsSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100).default('QuickDumpNow'),
  /** Shown on every customer page, so a customer always has a way to call. */
  phone: z.string().trim().max(40).optional(),
  /** The zone pickups are arranged in; the board and the public pages show every time in it. */
  time_zone: ianaZoneSchema.default('America/Chicago'),
  currency: currencyCodeSchema.default('USD'),
});
export type BusinessSettings = z.infer<typeof businessSettingsSchema>;

/** Statuses a customer gets a text about; each has its own editable template. */
export const SMS_STATUSES = ['scheduled', 'en_route', 'on_site', 'completed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/**
 * Placeholders a template may use: {name} (the greeting name), {business}, {link},
 * {window} (the pickup window in the business's zone), {phone} (the business's).
 */
export const SMS_PLACEHOLDERS = ['name', 'business', 'link', 'window', 'phone'] as const;

/**
 * What a business starts with. Each fits GSM-7 and one text for a typical job, two at worst
 * (test/shared/sms-defaults.test.ts fills them with long names, a long link and the longest
 * window): an en dash or a curly quote anywhere in one would send every text as UCS-2.
 */
export const DEFAULT_SMS_TEMPLATES: Record<SmsStatus, string> = {
  scheduled: 'Hi {name}, your {business} pickup is {window}. Track it: {link}',
  en_route: 'Hi {name}, our crew from {business} is on the way. Follow along: {link}',
  on_site: 'Hi {name}, {business} has arrived for your pickup. Details: {link}',
  completed: 'Thanks {name}! Your {business} pickup is done. Details: {link}',
};

/** `{word}` with nothing inside that is a brace or a line: what a dispatcher means as one. */
const BRACED = /\{([^{}\n]*)\}/g;

/** The braced words in a template that are no placeholder ("{buisness}", "{Name}"), each once. */
export function unknownPlaceholders(template: string): string[] {
  const known: readonly string[] = SMS_PLACEHOLDERS;
  const found = [...template.matchAll(BRACED)]
    .filter((m) => !known.includes(m[1] ?? ''))
    .map((m) => m[0]);
  return [...new Set(found)];
}

const KNOWN_PLACEHOLDERS = SMS_PLACEHOLDERS.map((p) => `{${p}}`).join(' ');

/**
 * A template as config.json holds it. Lenient about braces: a workspace whose template has a
 * typo (saved before Settings refused them) still opens, and its texts leave the typo as
 * written (src/shared/sms.ts); Settings shows the typo beside the field and refuses to save it.
 */
const template = z.string().trim().min(1, 'is required').max(480, 'must be at most 480 characters');
export const smsTemplatesSchema = z.object({
  scheduled: template.default(DEFAULT_SMS_TEMPLATES.scheduled),
  en_route: template.default(DEFAULT_SMS_TEMPLATES.en_route),
  on_site: template.default(DEFAULT_SMS_TEMPLATES.on_site),
  completed: template.default(DEFAULT_SMS_TEMPLATES.completed),
});

/** A template as Settings saves it: every braced word is a placeholder texts fill in. */
const savedTemplate = template.superRefine((text, ctx) => {
  const unknown = unknownPlaceholders(text);
  if (unknown.length === 0) return;
  ctx.addIssue({
    code: 'custom',
    message: `has ${unknown.join(' ')}, which ${unknown.length === 1 ? 'is not a placeholder' : 'are not placeholders'}: use ${KNOWN_PLACEHOLDERS}`,
  });
});
export const savedSmsTemplatesSchema = z.object({
  scheduled: savedTemplate.default(DEFAULT_SMS_TEMPLATES.scheduled),
  en_route: savedTemplate.default(DEFAULT_SMS_TEMPLATES.en_route),
  on_site: savedTemplate.default(DEFAULT_SMS_TEMPLATES.on_site),
  completed: savedTemplate.default(DEFAULT_SMS_TEMPLATES.completed),
});
export type SmsTemplates = z.infer<typeof smsTemplatesSchema>;

/** A driver or a truck jobs can be assigned to; the name is what a job's `assigned_to` holds. */
export const crewMemberSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(200),
  kind: z.enum(['driver', 'truck']).default('driver'),
});
export type CrewMember = z.infer<typeof crewMemberSchema>;

export const siteTargetSchema = z.object({
  bucket: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'),
  prefix: z.string().trim().max(200).default(''),
});

/** Where customers' links point. The site's pages live at the root, so an origin only. */
export const publicBaseUrlSchema = z.url({ protocol: /^https?$/ }).refine(
  (value) => {
    // zod runs this even when z.url() failed: that check has already said what is wrong.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.pathname === '/' && !url.search && !url.hash && !url.username;
  },
  { message: 'must be an origin such as https://track.example.com, with no path' },
);

/** The CloudFront Function that routes /track and /book (site/edge/viewer-request.js). */
export const DEFAULT_FUNCTION_NAME = 'qdn-viewer-request';

export const awsSettingsSchema = z.object({
  /** A named profile from ~/.aws/config (SSO profiles included); secrets never live here. */
  profile: z.string().trim().max(128).optional(),
  region: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1'),
  /** An S3-compatible endpoint instead of AWS (MinIO, R2, a local test server). */
  endpoint: z.url({ protocol: /^https?$/ }).optional(),
  data: siteTargetSchema,
  staging: siteTargetSchema,
  prod: siteTargetSchema.extend({
    public_base_url: publicBaseUrlSchema,
    distribution_ids: z.array(z.string().regex(/^[A-Z0-9]{1,32}$/, 'a CloudFront id')).default([]),
    function_name: z
      .string()
      .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'a CloudFront Function name: letters, digits, - and _')
      .default(DEFAULT_FUNCTION_NAME),
  }),
});
export type AwsSettings = z.infer<typeof awsSettingsSchema>;

/** Everything Settings shows and saves. `aws` is kept while the sandbox is chosen. */
export const settingsSchema = z.object({
  mode: z.enum(['sandbox', 'aws']),
  business: businessSettingsSchema.prefault({}),
  sms_templates: savedSmsTemplatesSchema.prefault({}),
  crew: z.array(crewMemberSchema).max(200).default([]),
  aws: awsSettingsSchema.nullable().default(null),
  /** Settings → Texts: config.json's `messages` (src/shared/messages/messages-settings.ts). */
  messages: messagesSettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
