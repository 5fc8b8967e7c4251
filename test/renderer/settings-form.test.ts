import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/shared/settings/settings';
import { draftOf, inputOf, settingsErrors } from '../../src/renderer/src/settings/settings-form';

const defaults = settingsSchema.parse({ mode: 'sandbox' });

describe('the Settings form as data', () => {
  it('round-trips saved settings and leaves an untouched AWS part out of the sandbox', () => {
    const draft = draftOf(defaults);
    expect(settingsErrors(draft)).toEqual({});
    expect(settingsSchema.parse(inputOf(draft))).toEqual(defaults);
    expect(inputOf(draft).aws).toBeNull();
  });
  it('names each field the shared schema refuses, by its path', () => {
    const draft = draftOf(defaults);
    draft.mode = 'aws';
    draft.business.name = ' ';
    draft.business.time_zone = 'Mars/Olympus';
    draft.business.currency = 'XYZ';
    draft.sms_templates.en_route = '';
    draft.crew.push({ name: '', kind: 'truck' });
    draft.aws.region = 'us-east-1';
    draft.aws.data.bucket = 'qdn-data';
    draft.aws.staging.bucket = 'Bad_Bucket';
    draft.aws.prod.bucket = 'qdn-prod';
    draft.aws.prod.public_base_url = 'not a url';
    draft.aws.prod.distribution_ids = 'E1ABC, e-lower';
    const errors = settingsErrors(draft);
    expect(errors).toMatchObject({
      'business.name': 'is required',
      'business.time_zone': 'must be an IANA time zone such as America/Chicago',
      'business.currency': 'is not an ISO 4217 currency code',
      'sms_templates.en_route': 'is required',
      'crew.0.name': 'is required',
      'aws.staging.bucket': 'must be an S3 bucket name',
      'aws.prod.distribution_ids': 'a CloudFront id',
    });
    expect(errors['aws.prod.public_base_url']).toBeDefined();
    expect(errors['aws.region']).toBeUndefined();
  });
  it('reads distribution ids separated by commas or spaces, and an AWS setup that is whole', () => {
    const draft = draftOf(defaults);
    draft.mode = 'aws';
    Object.assign(draft.aws, { region: 'eu-west-1', profile: 'dispatch-sso' });
    draft.aws.data.bucket = 'qdn-data';
    draft.aws.staging.bucket = 'qdn-staging';
    draft.aws.prod = {
      bucket: 'qdn-prod',
      prefix: '',
      public_base_url: 'https://track.example.com',
      distribution_ids: 'E1ABC, E2DEF E3GHI',
      function_name: '',
    };
    expect(settingsErrors(draft)).toEqual({});
    const aws = settingsSchema.parse(inputOf(draft)).aws;
    expect(aws?.prod.distribution_ids).toEqual(['E1ABC', 'E2DEF', 'E3GHI']);
    expect(aws?.prod.function_name).toBe('qdn-viewer-request');
    expect(aws?.profile).toBe('dispatch-sso');
  });
});
