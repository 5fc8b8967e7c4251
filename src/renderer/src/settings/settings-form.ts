import { settingsSchema, SMS_STATUSES } from '../../../shared/settings/settings';
import { JOB_STATUSES } from '../../../shared/status-flow';
import type { JobStatus } from '../../../shared/status-flow';
import type { MessagesSettings } from '../../../shared/messages/messages-settings';
import type {
  CrewMember,
  Settings,
  SettingsInput,
  SmsTemplates,
} from '../../../shared/settings/settings';

/**
 * The Settings form as pure data: every field as the dispatcher types it (strings), turned
 * into what saveSettings takes, and the shared schema's verdict per field, keyed by the
 * field's path ("business.time_zone", "aws.prod.public_base_url", "crew.2.name").
 */
export interface SiteDraft {
  bucket: string;
  prefix: string;
}
export interface AwsDraft {
  profile: string;
  region: string;
  endpoint: string;
  data: SiteDraft;
  staging: SiteDraft;
  prod: SiteDraft & { public_base_url: string; distribution_ids: string; function_name: string };
}
/** Settings → Texts as typed; `provider` '' is none set (the sandbox's phone on a sandbox). */
export interface MessagesDraft {
  auto: JobStatus[];
  quiet: boolean;
  quiet_from: string;
  quiet_to: string;
  provider: '' | NonNullable<MessagesSettings['provider']>;
  aws: { origination_identity: string; configuration_set: string; inbound_queue_url: string };
  /** What Settings shows no field for (the region, a price cap): saved back as it was. */
  kept_aws: Omit<NonNullable<MessagesSettings['aws']>, keyof MessagesDraft['aws']>;
}
export interface SettingsDraft {
  mode: 'sandbox' | 'aws';
  business: { name: string; phone: string; time_zone: string; currency: string };
  sms_templates: SmsTemplates;
  crew: CrewMember[];
  aws: AwsDraft;
  messages: MessagesDraft;
}

/** Quiet hours offered when the dispatcher turns them on. */
const DEFAULT_QUIET = { from: '21:00', to: '08:00' };

function messagesDraftOf(messages: MessagesSettings): MessagesDraft {
  const {
    origination_identity = '',
    configuration_set = '',
    inbound_queue_url = '',
    ...kept
  } = messages.aws ?? {};
  return {
    auto: [...messages.auto],
    quiet: messages.quiet_hours !== undefined,
    quiet_from: messages.quiet_hours?.from ?? DEFAULT_QUIET.from,
    quiet_to: messages.quiet_hours?.to ?? DEFAULT_QUIET.to,
    provider: messages.provider ?? '',
    aws: { origination_identity, configuration_set, inbound_queue_url },
    kept_aws: kept,
  };
}

/** What the Texts section saves: statuses in flow order, the AWS part only when chosen or typed. */
function messagesInputOf(draft: MessagesDraft): MessagesSettings {
  const { aws } = draft;
  const awsTyped = Object.values(aws).some((v) => v.trim() !== '');
  return {
    auto: JOB_STATUSES.filter((status) => draft.auto.includes(status)),
    ...(draft.quiet ? { quiet_hours: { from: draft.quiet_from, to: draft.quiet_to } } : {}),
    ...(draft.provider ? { provider: draft.provider } : {}),
    ...(draft.provider === 'aws' || awsTyped
      ? {
          aws: {
            ...draft.kept_aws,
            origination_identity: aws.origination_identity.trim(),
            ...(optional(aws.configuration_set)
              ? { configuration_set: aws.configuration_set.trim() }
              : {}),
            ...(optional(aws.inbound_queue_url)
              ? { inbound_queue_url: aws.inbound_queue_url.trim() }
              : {}),
          },
        }
      : {}),
  };
}

const site = (target?: { bucket: string; prefix?: string }): SiteDraft => ({
  bucket: target?.bucket ?? '',
  prefix: target?.prefix ?? '',
});

export function draftOf(settings: Settings): SettingsDraft {
  const aws = settings.aws;
  return {
    mode: settings.mode,
    business: {
      name: settings.business.name,
      phone: settings.business.phone ?? '',
      time_zone: settings.business.time_zone,
      currency: settings.business.currency,
    },
    sms_templates: { ...settings.sms_templates },
    crew: settings.crew.map((m) => ({ ...m })),
    aws: {
      profile: aws?.profile ?? '',
      region: aws?.region ?? '',
      endpoint: aws?.endpoint ?? '',
      data: site(aws?.data),
      staging: site(aws?.staging),
      prod: {
        ...site(aws?.prod),
        public_base_url: aws?.prod.public_base_url ?? '',
        distribution_ids: aws?.prod.distribution_ids.join(', ') ?? '',
        function_name: aws?.prod.function_name ?? '',
      },
    },
    messages: messagesDraftOf(settings.messages),
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** Whether the dispatcher has typed anything of an AWS backend. */
function awsTouched(aws: AwsDraft): boolean {
  return [
    aws.profile,
    aws.region,
    aws.endpoint,
    aws.data.bucket,
    aws.data.prefix,
    aws.staging.bucket,
    aws.staging.prefix,
    aws.prod.bucket,
    aws.prod.prefix,
    aws.prod.public_base_url,
    aws.prod.distribution_ids,
    aws.prod.function_name,
  ].some((v) => v.trim() !== '');
}

/** What saveSettings takes. An untouched AWS part is left out while the sandbox is chosen. */
export function inputOf(draft: SettingsDraft): SettingsInput {
  const { aws } = draft;
  return {
    mode: draft.mode,
    business: {
      name: draft.business.name,
      phone: optional(draft.business.phone),
      time_zone: draft.business.time_zone.trim(),
      currency: draft.business.currency,
    },
    sms_templates: { ...draft.sms_templates },
    crew: draft.crew.map((m) => ({ name: m.name, kind: m.kind })),
    aws:
      draft.mode === 'sandbox' && !awsTouched(aws)
        ? null
        : {
            profile: optional(aws.profile),
            region: aws.region,
            endpoint: optional(aws.endpoint),
            data: { bucket: aws.data.bucket, prefix: aws.data.prefix },
            staging: { bucket: aws.staging.bucket, prefix: aws.staging.prefix },
            prod: {
              bucket: aws.prod.bucket,
              prefix: aws.prod.prefix,
              public_base_url: aws.prod.public_base_url.trim(),
              distribution_ids: aws.prod.distribution_ids.split(/[\s,]+/).filter((id) => id !== ''),
              function_name: optional(aws.prod.function_name),
            },
          },
    messages: messagesInputOf(draft.messages),
  };
}

/** The schema's message per field path; empty when the settings can be saved. */
export function settingsErrors(draft: SettingsDraft): Record<string, string> {
  const parsed = settingsSchema.safeParse(inputOf(draft));
  const errors: Record<string, string> = {};
  if (parsed.success) return errors;
  for (const issue of parsed.error.issues) {
    // A distribution id's index is the list's: one message for the field.
    const path = issue.path.filter(
      (p) => typeof p === 'string' || !issue.path.includes('distribution_ids'),
    );
    const key = path.map(String).join('.');
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

/** The statuses whose templates Settings lists, in flow order. */
export const TEMPLATE_STATUSES = SMS_STATUSES;
