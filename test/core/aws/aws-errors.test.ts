import { describe, expect, it } from 'vitest';
import { AccessDenied as CloudFrontAccessDenied } from '@aws-sdk/client-cloudfront';
import { NoSuchBucket, NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { CredentialsProviderError, TokenProviderError } from '@smithy/core/config';
import { actionableAwsError, awsProblemOf, iamActionOf } from '../../../src/core/aws/aws-errors';
import type { AwsCallContext } from '../../../src/core/aws/aws-errors';
import { QdnError } from '../../../src/shared/errors';

// Error objects built as the SDK builds them (its own classes and messages), so a change in
// what the SDK throws shows here first.
const s3Put: AwsCallContext = {
  service: 's3',
  command: 'PutObjectCommand',
  bucket: 'qdn-data',
  key: 'jobs.json',
  profile: 'dispatch',
  region: 'us-east-2',
};
const metadata = (httpStatusCode?: number) => ({ httpStatusCode, attempts: 1, totalRetryDelay: 0 });

function translated(err: unknown, ctx: AwsCallContext = s3Put): QdnError {
  const out = actionableAwsError(err, ctx);
  expect(out).toBeInstanceOf(QdnError);
  return out as QdnError;
}

describe('AWS errors a dispatcher can act on', () => {
  it('an expired SSO session (credential provider) says which profile to sign in again', () => {
    const err = new CredentialsProviderError(
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
      { tryNextLink: false },
    );
    const out = translated(err);
    expect(out.code).toBe('aws_sign_in');
    expect(out.message).toBe(
      'Your AWS sign-in for profile dispatch has expired: run `aws sso login --profile dispatch`, then try again.',
    );
  });

  it('an expired SSO token (token provider, sso-session profiles) says the same', () => {
    const err = new TokenProviderError(
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      false,
    );
    expect(translated(err).message).toMatch(/run `aws sso login --profile dispatch`/);
  });

  it('an ExpiredToken answer from S3 (temporary keys past their time) says to sign in', () => {
    const err = new S3ServiceException({
      name: 'ExpiredToken',
      $fault: 'client',
      $metadata: metadata(400),
      message: 'The provided token has expired.',
    });
    expect(translated(err)).toMatchObject({ code: 'aws_sign_in' });
  });

  it('no credentials at all and no profile chosen: choose one in Settings', () => {
    const err = new CredentialsProviderError('Could not load credentials from any providers', {
      tryNextLink: false,
    });
    const out = translated(err, { service: 's3', region: 'us-east-1' });
    expect(out.code).toBe('aws_sign_in');
    expect(out.message).toMatch(/^No AWS sign-in: choose an AWS profile in Settings/);
  });

  it('keys AWS does not know: configure the profile again', () => {
    const err = new S3ServiceException({
      name: 'InvalidAccessKeyId',
      $fault: 'client',
      $metadata: metadata(403),
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    });
    const out = translated(err);
    expect(out.code).toBe('aws_sign_in');
    expect(out.message).toMatch(/run `aws configure --profile dispatch`/);
  });

  it('access denied on a bucket names the bucket, the IAM action and the profile', () => {
    const err = new S3ServiceException({
      name: 'AccessDenied',
      $fault: 'client',
      $metadata: metadata(403),
      message: 'Access Denied',
    });
    const out = translated(err);
    expect(out.code).toBe('access_denied');
    expect(out.message).toBe(
      'Access denied on bucket qdn-data: grant s3:PutObject to the identity of profile dispatch.',
    );
    expect(awsProblemOf(err, { ...s3Put, command: 'HeadObjectCommand' })?.grant).toBe(
      's3:GetObject',
    );
  });

  it('a HEAD refused (403 with no body, so no error code) is access denied too', () => {
    const err = new S3ServiceException({
      name: '403',
      $fault: 'client',
      $metadata: metadata(403),
      message: 'UnknownError',
    });
    expect(translated(err, { ...s3Put, command: 'HeadObjectCommand' }).message).toBe(
      'Access denied on bucket qdn-data: grant s3:GetObject to the identity of profile dispatch.',
    );
  });

  it('access denied on CloudFront names the distribution and the action', () => {
    const err = new CloudFrontAccessDenied({
      message: 'User is not authorized',
      $metadata: metadata(403),
    });
    const out = translated(err, {
      service: 'cloudfront',
      command: 'CreateInvalidationCommand',
      resource: 'E123ABC',
    });
    expect(out.message).toBe(
      'Access denied on CloudFront E123ABC: grant cloudfront:CreateInvalidation to the AWS identity in use.',
    );
  });

  it('a bucket that does not exist is named with the region it was looked for in', () => {
    const err = new NoSuchBucket({
      message: 'The specified bucket does not exist',
      $metadata: metadata(404),
    });
    const out = translated(err);
    expect(out.code).toBe('not_found');
    expect(out.message).toMatch(/^Bucket qdn-data does not exist in region us-east-2: check/);
  });

  it.each([
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND s3.us-east-2.amazonaws.com'],
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'],
    ['ETIMEDOUT', 'connect ETIMEDOUT 52.219.1.1:443'],
  ])('no network (%s) says so, and what could not be reached', (code, message) => {
    const err = Object.assign(new Error(message), { code, $metadata: { attempts: 3 } });
    const out = translated(err);
    expect(out.code).toBe('no_network');
    expect(out.message).toBe(
      `No network: could not reach S3 in us-east-2 (bucket qdn-data) (${code}). Check the internet connection, then try again.`,
    );
  });

  it('a time-out with no answer is no network; an SSO sign-in that cannot reach AWS too', () => {
    const timeout = Object.assign(new Error('Connection timed out after 5000 ms'), {
      name: 'TimeoutError',
    });
    expect(translated(timeout).code).toBe('no_network');
    const ssoOffline = new CredentialsProviderError(
      'getaddrinfo ENOTFOUND portal.sso.us-east-1.amazonaws.com',
      {
        tryNextLink: false,
      },
    );
    expect(translated(ssoOffline).code).toBe('no_network');
  });

  it('leaves alone the errors the product handles itself', () => {
    const missing = new NoSuchKey({
      message: 'The specified key does not exist.',
      $metadata: metadata(404),
    });
    expect(actionableAwsError(missing, s3Put)).toBe(missing);
    const stale = new S3ServiceException({
      name: 'PreconditionFailed',
      $fault: 'client',
      $metadata: metadata(412),
      message: 'At least one of the pre-conditions you specified did not hold',
    });
    expect(actionableAwsError(stale, s3Put)).toBe(stale);
    const own = new QdnError('conflict', 'kept');
    expect(actionableAwsError(own, s3Put)).toBe(own);
  });

  it('derives the IAM action of each call the product makes', () => {
    expect(iamActionOf('s3', 'ListObjectsV2Command')).toBe('s3:ListBucket');
    expect(iamActionOf('s3', 'CopyObjectCommand')).toBe('s3:PutObject');
    expect(iamActionOf('s3', 'GetBucketVersioningCommand')).toBe('s3:GetBucketVersioning');
    expect(iamActionOf('s3', 'ListObjectVersionsCommand')).toBe('s3:ListBucketVersions');
    expect(iamActionOf('cloudfront', 'DescribeFunctionCommand')).toBe(
      'cloudfront:DescribeFunction',
    );
  });
});
