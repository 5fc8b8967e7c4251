import { describe, expect, it } from 'vitest';
import {
  awsSettingsSchema,
  businessSettingsSchema,
  DEFAULT_SMS_TEMPLATES,
  settingsSchema,
} from '../../src/shared/settings/settings';
import { describeIssues } from '../../src/shared/validation-message';

const aws = {
  region: 'eu-west-1',
  data: { bucket: 'qdn-data' },
  staging: { bucket: 'qdn-staging' },
  prod: { bucket: 'qdn-prod', public_base_url: 'https://track.example.com' },
};

describe('the Settings schema (renderer and core check the same rules)', () => {
  it('fills what a dispatcher left out with defaults', () => {
    expect(settingsSchema.parse({ mode: 'sandbox' })).toEqual({
      mode: 'sandbox',
      business: { name: 'QuickDumpNow', time_zone: 'America/Chicago', currency: 'USD' },
      sms_templates: DEFAULT_SMS_TEMPLATES,
      crew: [],
      aws: null,
      messages: { auto: ['en_route'] },
    });
  });

  it('reads a currency however it is typed, and knows only real ones', () => {
    expect(businessSettingsSchema.parse({ currency: ' eur ' }).currency).toBe('EUR');
    expect(businessSettingsSchema.safeParse({ currency: 'XYZ' }).success).toBe(false);
    expect(businessSettingsSchema.safeParse({ currency: 'DOLLARS' }).success).toBe(false);
  });

  it('takes IANA zones only, not abbreviations', () => {
    expect(businessSettingsSchema.safeParse({ time_zone: 'Europe/Berlin' }).success).toBe(true);
    expect(businessSettingsSchema.safeParse({ time_zone: 'UTC' }).success).toBe(true);
    // Aliases Intl resolves but does not list as canonical.
    expect(businessSettingsSchema.safeParse({ time_zone: 'US/Central' }).success).toBe(true);
    expect(businessSettingsSchema.safeParse({ time_zone: 'Asia/Calcutta' }).success).toBe(true);
    expect(businessSettingsSchema.safeParse({ time_zone: 'EST' }).success).toBe(false);
    expect(businessSettingsSchema.safeParse({ time_zone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('takes complete AWS settings, with defaults for the prefixes, ids and function', () => {
    expect(awsSettingsSchema.parse(aws).prod).toEqual({
      bucket: 'qdn-prod',
      prefix: '',
      public_base_url: 'https://track.example.com',
      distribution_ids: [],
      function_name: 'qdn-viewer-request',
    });
  });

  it.each([
    [
      'a public URL with a path',
      { public_base_url: 'https://example.com/track' },
      /must be an origin/,
    ],
    ['a public URL that is no URL', { public_base_url: 'track site' }, /public_base_url/],
    ['a lower-case distribution id', { distribution_ids: ['e123'] }, /a CloudFront id/],
  ])('refuses %s, naming the field', (_label, prod, message) => {
    const parsed = awsSettingsSchema.safeParse({ ...aws, prod: { ...aws.prod, ...prod } });
    expect(parsed.success).toBe(false);
    expect(describeIssues(parsed.error!)).toMatch(message);
  });
});
