import { signPolicy } from '../aws/presigned-post-check';
import type { UploadSigner } from '../aws/presigned-post-check';

/** What a browser posts with: the form's action and the fields to send before `file`. */
export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/** A POST policy condition, as S3 (and `@aws-sdk/s3-presigned-post`) spell them. */
export type PolicyCondition =
  | ['eq' | 'starts-with', string, string]
  | ['content-length-range', number, number]
  | Record<string, string>;

export interface PostPolicyRequest {
  /** The endpoint's bucket URL (path style), e.g. the local edge's `http://127.0.0.1:4780/<bucket>`. */
  url: string;
  bucket: string;
  /** The key with `${filename}` at its end, as for createPresignedPost. */
  key: string;
  conditions: PolicyCondition[];
  fields: Record<string, string>;
  expiresSeconds: number;
  signer: UploadSigner;
  now: Date;
}

const iso8601 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A SigV4 POST policy built exactly as `@aws-sdk/s3-presigned-post` builds one (same fields,
 * same conditions, same signature), for the sandbox: its local edge checks it, and minting it
 * here keeps the AWS SDK — a third of a sandbox start-up — from loading at all.
 */
export function signPostPolicy(request: PostPolicyRequest): PresignedPost {
  const signingDate = iso8601(request.now).replace(/[-:]/g, '');
  const shortDate = signingDate.slice(0, 8);
  const { signer } = request;
  const fields: Record<string, string> = {
    ...request.fields,
    bucket: request.bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${signer.accessKeyId}/${shortDate}/${signer.region}/s3/aws4_request`,
    'X-Amz-Date': signingDate,
  };
  const conditions = new Set(request.conditions.map((c) => JSON.stringify(c)));
  for (const [name, value] of Object.entries(fields)) {
    conditions.add(JSON.stringify({ [name]: value }));
  }
  const prefix = request.key.slice(0, request.key.lastIndexOf('${filename}'));
  conditions.add(JSON.stringify(['starts-with', '$key', prefix]));
  const expiration = new Date(request.now.getTime() + request.expiresSeconds * 1000);
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso8601(expiration),
      conditions: [...conditions].map((c) => JSON.parse(c) as unknown),
    }),
  ).toString('base64');
  return {
    url: request.url,
    fields: {
      ...fields,
      key: request.key,
      Policy: policy,
      'X-Amz-Signature': signPolicy(policy, signer, shortDate).toString('utf8'),
    },
  };
}
