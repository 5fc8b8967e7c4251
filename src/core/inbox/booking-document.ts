import { BOOKING_DOCUMENT_KEY, BUSINESS_DOCUMENT_KEY } from '../../shared/site-keys';
import {
  SUBMISSION_CONTENT_TYPE,
  SUBMISSION_KEY_PREFIX,
  SUBMISSION_MAX_BYTES,
} from '../../shared/inbox/booking-document';
import type { BookingDocument, BusinessDocument } from '../../shared/inbox/booking-document';
import type { ObjectStore } from '../storage/object-store';
import { signPostPolicy } from './post-policy';
import type { PostPolicyRequest, PresignedPost } from './post-policy';
import type { UploadSigner } from '../aws/presigned-post-check';

/** Inside SigV4's 7-day limit for IAM-user keys, with a day to spare for a console left off. */
export const POLICY_VALIDITY_SECONDS = 6 * 24 * 3600;
/** Refreshed daily while the console runs: a customer never meets a policy about to lapse. */
export const POLICY_REFRESH_MS = 24 * 3600 * 1000;
/** Short: a refreshed policy reaches every phone within minutes. */
export const BOOKING_DOCUMENT_CACHE_CONTROL = 'public, max-age=60, s-maxage=60';

/** Where submissions go: the data bucket's `inbox/`, posted to straight from the phone. */
export interface UploadTarget {
  bucket: string;
  /** The data target's prefix ('' or ending in '/'); submissions go under `<prefix>inbox/new/`. */
  prefix: string;
  /** An S3-compatible endpoint (the local edge in the sandbox); AWS's own when absent. */
  endpoint?: string;
}

export interface MintOptions {
  target: UploadTarget;
  signer: UploadSigner;
  business: BookingDocument['business'];
  now?: Date;
  validitySeconds?: number;
  /**
   * The sandbox: its local edge checks the policy, so it is signed here, without the AWS SDK.
   * Otherwise `@aws-sdk/s3-presigned-post` builds it, as S3 expects.
   */
  signLocally?: boolean;
}

/**
 * Mints the booking document: a presigned POST policy that lets anyone upload one small JSON
 * document under `inbox/new/` and nothing else (never into the console's `inbox/processed/`) —
 * key prefix, content type and size range fixed, signed with the uploader identity's keys
 * (never the dispatcher's SSO session, which dies within hours).
 */
export async function mintBookingDocument(options: MintOptions): Promise<BookingDocument> {
  const { target } = options;
  const validity = options.validitySeconds ?? POLICY_VALIDITY_SECONDS;
  const now = options.now ?? new Date();
  const keyPrefix = `${target.prefix}${SUBMISSION_KEY_PREFIX}`;
  const request: PostPolicyRequest = {
    url: target.endpoint ? `${target.endpoint.replace(/\/$/, '')}/${target.bucket}` : '',
    bucket: target.bucket,
    key: `${keyPrefix}\${filename}`,
    conditions: [
      ['starts-with', '$key', keyPrefix],
      ['content-length-range', 2, SUBMISSION_MAX_BYTES],
    ],
    fields: { 'Content-Type': SUBMISSION_CONTENT_TYPE },
    expiresSeconds: validity,
    signer: options.signer,
    now,
  };
  const post = options.signLocally ? signPostPolicy(request) : await presignWithSdk(request);
  const { key: _key, ...fields } = post.fields;
  return {
    schema: 1,
    business: options.business,
    upload: {
      url: post.url,
      fields,
      key_prefix: keyPrefix,
      content_type: SUBMISSION_CONTENT_TYPE,
      max_bytes: SUBMISSION_MAX_BYTES,
      // Whole seconds, as in the policy itself.
      expires_at: new Date(Math.floor(now.getTime() / 1000) * 1000 + validity * 1000)
        .toISOString()
        .replace(/\.000Z$/, 'Z'),
    },
  };
}

/**
 * The policy S3 itself will check, built by `@aws-sdk/s3-presigned-post`: loaded only here, so
 * a sandbox (which signs locally) never loads the AWS SDK.
 */
async function presignWithSdk(request: PostPolicyRequest): Promise<PresignedPost> {
  const [{ S3Client }, { createPresignedPost }] = await Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/s3-presigned-post'),
  ]);
  const { signer, url } = request;
  const endpoint = url ? url.slice(0, url.lastIndexOf('/')) : undefined;
  const client = new S3Client({
    region: signer.region,
    endpoint,
    forcePathStyle: endpoint !== undefined,
    credentials: { accessKeyId: signer.accessKeyId, secretAccessKey: signer.secretAccessKey },
    // createPresignedPost reads the clock through the client's offset; tests pin `now`.
    systemClockOffset: request.now.getTime() - Date.now(),
  });
  try {
    return await createPresignedPost(client, {
      Bucket: request.bucket,
      Key: request.key,
      Conditions: request.conditions,
      Fields: request.fields,
      Expires: request.expiresSeconds,
    });
  } finally {
    client.destroy();
  }
}

/** Writes the booking document into prod directly, as status documents are (data, not site). */
export async function publishBookingDocument(
  prod: ObjectStore,
  document: BookingDocument,
): Promise<void> {
  await prod.put(BOOKING_DOCUMENT_KEY, `${JSON.stringify(document)}\n`, {
    contentType: 'application/json',
    cacheControl: BOOKING_DOCUMENT_CACHE_CONTROL,
  });
}

/** Writes the business document into prod (same caching as the booking document). */
export async function publishBusinessDocument(
  prod: ObjectStore,
  business: BusinessDocument['business'],
): Promise<void> {
  const document: BusinessDocument = { schema: 1, business };
  await prod.put(BUSINESS_DOCUMENT_KEY, `${JSON.stringify(document)}\n`, {
    contentType: 'application/json',
    cacheControl: BOOKING_DOCUMENT_CACHE_CONTROL,
  });
}
