/** Error codes that cross the renderer/main boundary; the UI picks its wording from these. */
export type QdnErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'invalid_transition'
  | 'jobs_file_invalid'
  | 'conflict'
  | 'storage_unavailable'
  /** AWS wants the dispatcher to sign in again (an expired SSO session, no credentials). */
  | 'aws_sign_in'
  /** AWS refused a call: the message names the resource and the IAM action to grant. */
  | 'access_denied'
  /** AWS (or the S3-compatible endpoint) could not be reached at all. */
  | 'no_network'
  | 'internal';

/** An error whose message is safe and meant for the dispatcher to read. */
export class QdnError extends Error {
  override readonly name = 'QdnError';
  constructor(
    readonly code: QdnErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The readable text of anything thrown. Code may throw a string, a plain object or `undefined`
 * as well as an Error; casting it to Error and reading `.message` would then give `undefined`
 * and hide the cause.
 */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err !== null && 'message' in err) {
    if (typeof err.message === 'string') return err.message;
  }
  try {
    const json = JSON.stringify(err);
    if (json !== undefined) return json;
  } catch {
    // A cyclic or BigInt-bearing value: String() below still names it.
  }
  return String(err);
}
