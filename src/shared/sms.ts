import type { Job } from './job';
import { formatTextWindow } from './format';
import { greetingName } from './greeting-name';
import { phoneForLink } from './phone';
import type { CountryCode } from 'libphonenumber-js';
import { DEFAULT_SMS_TEMPLATES, SMS_STATUSES } from './settings/settings';
import type { SmsStatus, SmsTemplates } from './settings/settings';
import type { JobStatus } from './status-flow';

/**
 * The ready-to-send text for a customer (issue 8 §6), from the business's per-status template.
 * Plain text, filled in one pass: a value is never read as a template, so a customer named
 * "{link}" stays "{link}" and cannot pull other values into the message.
 */
export interface SmsContext {
  business: { name: string; phone?: string | undefined; time_zone?: string | undefined };
  templates?: Partial<SmsTemplates> | undefined;
  /** The job's tracking link. */
  link: string;
  now?: Date;
  locale?: string;
}

/** The template that fits a job's status, or null (a requested or canceled job gets none). */
export function smsStatusFor(status: JobStatus): SmsStatus | null {
  return (SMS_STATUSES as readonly string[]).includes(status) ? (status as SmsStatus) : null;
}

/** Replaces {name} {business} {link} {window} {phone}; other braces are left as written. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{(name|business|link|window|phone)\}/g, (_, key: string) =>
    plain(values[key] ?? ''),
  );
}

/** The text for `status` (default: the job's own), or null when that status has no template. */
export function smsForJob(job: Job, context: SmsContext, status?: SmsStatus): string | null {
  const which = status ?? smsStatusFor(job.status);
  if (!which) return null;
  const template = context.templates?.[which]?.trim() || DEFAULT_SMS_TEMPLATES[which];
  // The window's GSM-7 form: an en dash would make every text UCS-2 (src/shared/format.ts).
  const window = formatTextWindow(
    job.pickup_date,
    job.pickup_window_end,
    context.locale ?? 'en-US',
    context.business.time_zone,
    context.now ?? new Date(),
  );
  return fillTemplate(template, {
    name: greetingName(job.customer_name),
    business: context.business.name,
    link: context.link,
    window,
    phone: context.business.phone ?? '',
  });
}

/**
 * An `sms:` link that opens the messaging app with the body filled (RFC 5724), to the phone's
 * E.164 form; null when the text cannot be a phone number.
 */
export function smsHref(phone: string, body: string, country?: CountryCode): string | null {
  const to = phoneForLink(phone, country);
  return to ? `sms:${to}?body=${encodeURIComponent(body)}` : null;
}

/** One line of plain text: a value cannot add lines or control characters to a message. */
function plain(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- control characters are what is removed
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
