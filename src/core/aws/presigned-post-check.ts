import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FormPart } from '../http/multipart-form';

/** The keys that sign upload policies: the only signer the local edge accepts. */
export interface UploadSigner {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

export type UploadCheck =
  | { ok: true; key: string; contentType: string | null; body: Buffer }
  | { ok: false; status: 400 | 403; code: string; message: string };

/** Fields S3 does not require a policy condition for. */
const UNCONDITIONED = new Set(['policy', 'x-amz-signature', 'file']);

const refuse = (status: 400 | 403, code: string, message: string): UploadCheck => ({
  ok: false,
  status,
  code,
  message,
});

/**
 * Checks a browser-based POST upload as S3 does (SigV4 POST policy): the signature is ours, the
 * policy has not expired, every condition holds (exact fields, `starts-with`, the size range)
 * and every form field is covered by a condition. Refusals name the rule, as S3's do.
 */
export function checkPresignedPost(
  parts: readonly FormPart[],
  bucket: string,
  signer: UploadSigner,
  now: Date = new Date(),
): UploadCheck {
  const file = parts.find((p) => p.name.toLowerCase() === 'file');
  if (!file || parts[parts.length - 1] !== file) {
    return refuse(
      400,
      'InvalidArgument',
      'POST requires exactly one file upload, as the last field.',
    );
  }
  const fields = new Map<string, string>();
  for (const part of parts) {
    if (part === file) continue;
    const name = part.name.toLowerCase();
    if (fields.has(name)) return refuse(400, 'InvalidArgument', `Field ${part.name} is repeated.`);
    fields.set(name, part.data.toString('utf8'));
  }
  fields.set('bucket', bucket);

  const policyText = fields.get('policy');
  const signature = fields.get('x-amz-signature') ?? '';
  const credential = fields.get('x-amz-credential') ?? '';
  if (!policyText || fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    return refuse(403, 'AccessDenied', 'The upload carries no SigV4 policy.');
  }
  const [accessKeyId, date, region, service, terminal] = credential.split('/');
  if (
    accessKeyId !== signer.accessKeyId ||
    region !== signer.region ||
    service !== 's3' ||
    terminal !== 'aws4_request' ||
    !date ||
    !/^\d{8}$/.test(date)
  ) {
    return refuse(
      403,
      'InvalidAccessKeyId',
      'The upload was not signed with keys this bucket knows.',
    );
  }
  const expected = signPolicy(policyText, signer, date);
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return refuse(403, 'SignatureDoesNotMatch', 'The policy signature does not match.');
  }

  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyText, 'base64').toString('utf8')) as typeof policy;
  } catch {
    return refuse(400, 'InvalidPolicyDocument', 'The policy is not JSON.');
  }
  const expires = typeof policy.expiration === 'string' ? Date.parse(policy.expiration) : NaN;
  if (!Number.isFinite(expires) || expires <= now.getTime()) {
    return refuse(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  }
  if (!Array.isArray(policy.conditions)) {
    return refuse(400, 'InvalidPolicyDocument', 'The policy has no conditions.');
  }

  // ${filename} in the key stands for the uploaded file's name, as on S3.
  const key = (fields.get('key') ?? '').replace('${filename}', file.filename ?? '');
  fields.set('key', key);
  const covered = new Set<string>();
  for (const condition of policy.conditions as unknown[]) {
    const outcome = checkCondition(condition, fields, file.data.length);
    if (outcome.ok === false)
      return refuse(403, 'AccessDenied', `Invalid according to Policy: ${outcome.why}`);
    if (outcome.field) covered.add(outcome.field);
  }
  for (const name of fields.keys()) {
    if (UNCONDITIONED.has(name) || name.startsWith('x-ignore-') || covered.has(name)) continue;
    return refuse(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${name}`);
  }
  if (!key || key.endsWith('/')) return refuse(400, 'InvalidArgument', 'The upload names no key.');
  return { ok: true, key, contentType: fields.get('content-type') ?? null, body: file.data };
}

type ConditionOutcome = { ok: true; field: string | null } | { ok: false; why: string };

function checkCondition(
  condition: unknown,
  fields: ReadonlyMap<string, string>,
  size: number,
): ConditionOutcome {
  if (Array.isArray(condition)) {
    const [op, target, value] = condition as unknown[];
    if (op === 'content-length-range') {
      const [min, max] = [Number(target), Number(value)];
      return size >= min && size <= max
        ? { ok: true, field: null }
        : { ok: false, why: `Policy Condition failed: ["content-length-range", ${min}, ${max}]` };
    }
    if (typeof target !== 'string' || !target.startsWith('$') || typeof value !== 'string') {
      return { ok: false, why: `Malformed condition ${JSON.stringify(condition)}` };
    }
    const field = target.slice(1).toLowerCase();
    const actual = fields.get(field) ?? '';
    const holds =
      op === 'eq' ? actual === value : op === 'starts-with' ? actual.startsWith(value) : false;
    return holds
      ? { ok: true, field }
      : { ok: false, why: `Policy Condition failed: ${JSON.stringify(condition)}` };
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    const [name, value] = entries[0] ?? [];
    if (entries.length !== 1 || name === undefined || typeof value !== 'string') {
      return { ok: false, why: `Malformed condition ${JSON.stringify(condition)}` };
    }
    const field = name.toLowerCase();
    return fields.get(field) === value
      ? { ok: true, field }
      : { ok: false, why: `Policy Condition failed: ${JSON.stringify(condition)}` };
  }
  return { ok: false, why: 'Malformed condition' };
}

/** SigV4 for a POST policy: HMAC of the base64 policy with the day's signing key, in hex. */
export function signPolicy(policy: string, signer: UploadSigner, date: string): Buffer {
  const hmac = (key: Buffer | string, data: string) =>
    createHmac('sha256', key).update(data).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${signer.secretAccessKey}`, date), signer.region), 's3'),
    'aws4_request',
  );
  return Buffer.from(hmac(signingKey, policy).toString('hex'), 'utf8');
}
