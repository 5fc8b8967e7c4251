import { QdnError } from '../../shared/errors';
import type { QdnErrorCode } from '../../shared/errors';
import { errorMessage } from '../../shared/errors';

/**
 * AWS errors a dispatcher can act on (issue 8 §9). The SDK's own words ("Access Denied",
 * "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding
 * profile.") name neither the bucket nor the profile; these name both and say what to do.
 * Errors the product handles itself (a missing object, a stale ETag) are left alone.
 */

/** What was being done when the error came: enough to name it for the dispatcher. */
export interface AwsCallContext {
  /** `sms-voice` is AWS End User Messaging SMS (src/core/messages/aws/), as IAM names it. */
  service: 's3' | 'cloudfront' | 'sms-voice' | 'sqs';
  /** The SDK command's name, e.g. `PutObjectCommand`. */
  command?: string;
  bucket?: string;
  key?: string;
  /** A CloudFront distribution id or function name. */
  resource?: string;
  profile?: string;
  region?: string;
  /** An S3-compatible endpoint in place of AWS. */
  endpoint?: string;
}

export interface AwsProblem {
  code: QdnErrorCode;
  message: string;
  /** The IAM action to grant, when permission was missing. */
  grant: string | null;
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'NetworkingError']);
const SIGN_IN_NAMES = new Set(['CredentialsProviderError', 'TokenProviderError']);
const EXPIRED_NAMES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const BAD_KEY_NAMES = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidToken',
]);
const DENIED_NAMES = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden']);

/** S3 operations whose IAM action is not simply `s3:<Operation>`. */
const S3_ACTIONS: Record<string, string> = {
  HeadObject: 's3:GetObject',
  CopyObject: 's3:PutObject',
  DeleteObjects: 's3:DeleteObject',
  ListObjectsV2: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
};

/** The IAM action a command needs, e.g. `PutObjectCommand` → `s3:PutObject`. */
export function iamActionOf(service: AwsCallContext['service'], command: string): string {
  const operation = command.replace(/Command$/, '');
  return (service === 's3' ? S3_ACTIONS[operation] : undefined) ?? `${service}:${operation}`;
}

/** The problem in words a dispatcher can act on, or null when it is not one of these. */
export function awsProblemOf(err: unknown, ctx: AwsCallContext): AwsProblem | null {
  const name = textOf(err, 'name');
  const status = statusOf(err);
  if (isNetworkError(err)) {
    const code = networkCodeOf(err) ?? name ?? 'no answer';
    return {
      code: 'no_network',
      message: `No network: could not reach ${where(ctx)} (${code}). Check the internet connection${ctx.endpoint ? ' and the endpoint in Settings' : ''}, then try again.`,
      grant: null,
    };
  }
  if (name && (SIGN_IN_NAMES.has(name) || EXPIRED_NAMES.has(name))) {
    return { code: 'aws_sign_in', message: signInMessage(err, ctx, name), grant: null };
  }
  if (name && BAD_KEY_NAMES.has(name)) {
    return {
      code: 'aws_sign_in',
      message: `AWS did not accept the keys of ${profileWords(ctx)}: ${
        ctx.profile
          ? `run \`aws configure --profile ${ctx.profile}\``
          : 'choose a profile in Settings'
      } (or \`aws sso login --profile ${ctx.profile ?? '<profile>'}\` for an SSO profile).`,
      grant: null,
    };
  }
  if (name === 'NoSuchBucket') {
    return {
      code: 'not_found',
      message: `Bucket ${ctx.bucket ?? textOf(err, 'BucketName') ?? '(unnamed)'} does not exist in region ${ctx.region ?? 'us-east-1'}${ctx.endpoint ? ` at ${ctx.endpoint}` : ''}: check the bucket name and region in Settings.`,
      grant: null,
    };
  }
  if (name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed' || status === 301) {
    return {
      code: 'storage_unavailable',
      message: `Bucket ${ctx.bucket ?? ''} is not in region ${ctx.region ?? 'us-east-1'}: set the bucket's own region in Settings.`,
      grant: null,
    };
  }
  if ((name && DENIED_NAMES.has(name)) || status === 403) {
    const grant = ctx.command ? iamActionOf(ctx.service, ctx.command) : null;
    const on = ctx.bucket
      ? `bucket ${ctx.bucket}`
      : ctx.service === 'cloudfront'
        ? `CloudFront ${ctx.resource ?? ''}`.trim()
        : where(ctx);
    const what = grant ? `grant ${grant}` : 'grant the missing permission';
    return {
      code: 'access_denied',
      message: `Access denied on ${on}: ${what} to ${profileWords(ctx)}.`,
      grant,
    };
  }
  return null;
}

/** The error to show: the actionable QdnError when there is one, else the error as it was. */
export function actionableAwsError(err: unknown, ctx: AwsCallContext): unknown {
  if (err instanceof QdnError) return err;
  const problem = awsProblemOf(err, ctx);
  return problem ? new QdnError(problem.code, problem.message) : err;
}

function signInMessage(err: unknown, ctx: AwsCallContext, name: string): string {
  const text = errorMessage(err);
  const sso = /\bsso\b|token/i.test(text) || EXPIRED_NAMES.has(name);
  if (!ctx.profile) {
    return `No AWS sign-in: choose an AWS profile in Settings, or run \`aws sso login\` (${text})`;
  }
  if (sso) {
    return `Your AWS sign-in for profile ${ctx.profile} has expired: run \`aws sso login --profile ${ctx.profile}\`, then try again.`;
  }
  return `No AWS credentials for profile ${ctx.profile}: run \`aws configure --profile ${ctx.profile}\` (or \`aws sso login --profile ${ctx.profile}\` for an SSO profile). ${text}`;
}

function profileWords(ctx: AwsCallContext): string {
  return ctx.profile ? `the identity of profile ${ctx.profile}` : 'the AWS identity in use';
}

function where(ctx: AwsCallContext): string {
  if (ctx.endpoint) return ctx.endpoint;
  if (ctx.service === 'cloudfront') return 'CloudFront (cloudfront.amazonaws.com)';
  if (ctx.service === 'sms-voice')
    return `AWS End User Messaging SMS in ${ctx.region ?? 'us-east-1'}`;
  if (ctx.service === 'sqs') return `SQS in ${ctx.region ?? 'us-east-1'}`;
  return `S3 in ${ctx.region ?? 'us-east-1'}${ctx.bucket ? ` (bucket ${ctx.bucket})` : ''}`;
}

function isNetworkError(err: unknown): boolean {
  const name = textOf(err, 'name');
  if (networkCodeOf(err) !== undefined) return true;
  // A time-out: the SDK gives up waiting for a connection or an answer.
  return name !== undefined && NETWORK_NAMES.has(name) && statusOf(err) === undefined;
}

/** A system error code (ECONNREFUSED, …) on the error or on its cause. */
function networkCodeOf(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = fieldOf(e, 'cause'), depth++) {
    const code = textOf(e, 'code');
    if (code !== undefined && NETWORK_CODES.has(code)) return code;
    const named = /\b(E[A-Z_]{4,})\b/.exec(textOf(e, 'message') ?? '')?.[1];
    if (named && NETWORK_CODES.has(named)) return named;
  }
  return undefined;
}

function statusOf(err: unknown): number | undefined {
  const metadata = fieldOf(err, '$metadata');
  const status =
    typeof metadata === 'object' && metadata !== null
      ? (metadata as { httpStatusCode?: unknown }).httpStatusCode
      : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** A field of something thrown, which may be anything. */
function fieldOf(err: unknown, field: string): unknown {
  if (typeof err !== 'object' || err === null) return undefined;
  return (err as Record<string, unknown>)[field];
}

function textOf(err: unknown, field: string): string | undefined {
  const value = fieldOf(err, field);
  return typeof value === 'string' ? value : undefined;
}
