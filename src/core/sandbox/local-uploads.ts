import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../http/loopback-server';
import { parseMultipartForm } from '../http/multipart-form';
import { checkPresignedPost } from '../aws/presigned-post-check';
import { isValidKey } from '../storage/object-store';
import { SUBMISSION_KEY_PREFIX } from '../../shared/inbox/booking-document';
import type { ObjectStore } from '../storage/object-store';
import type { UploadSigner } from '../aws/presigned-post-check';
import { errorMessage, QdnError } from '../../shared/errors';

/** The sandbox's stand-in for the data bucket's S3 POST endpoint. */
export interface LocalUploads {
  bucket: string;
  store: ObjectStore;
  signer: UploadSigner;
}

/** S3 refuses a POST form far larger than its policy could allow before reading it all. */
const MAX_FORM_BYTES = 64 * 1024;

function s3Error(res: ServerResponse, status: number, code: string, message: string): void {
  const escape = (text: string) =>
    text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
  res
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message></Error>`,
    );
}

/**
 * A browser-based POST upload to the data bucket, checked as S3 checks it (signature we issued,
 * expiry, key prefix, content type, size); anything refused stores nothing. Success is S3's
 * default answer: 204 No Content.
 */
export async function acceptUpload(
  req: IncomingMessage,
  res: ServerResponse,
  uploads: LocalUploads,
  now: () => number = Date.now,
): Promise<void> {
  let body: Buffer;
  try {
    body = await readBody(req, MAX_FORM_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLargeError)) throw err; // the connection broke: nothing to answer
    return s3Error(
      res,
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size.',
    );
  }
  const parts = parseMultipartForm(body, String(req.headers['content-type'] ?? ''));
  if (!parts)
    return s3Error(res, 400, 'MalformedPOSTRequest', 'The body is not multipart/form-data.');
  const check = checkPresignedPost(parts, uploads.bucket, uploads.signer, new Date(now()));
  if (!check.ok) return s3Error(res, check.status, check.code, check.message);
  if (!isValidKey(check.key)) return s3Error(res, 400, 'InvalidArgument', 'Invalid key.');
  // What the uploader identity's IAM grant is on AWS (s3:PutObject on inbox/new/* only): even a
  // policy signed with its keys cannot write anywhere else, such as the console's inbox/processed/.
  if (!check.key.startsWith(SUBMISSION_KEY_PREFIX)) {
    return s3Error(res, 403, 'AccessDenied', 'Access Denied');
  }
  // A submission is a file directly in inbox/new/: in a folder, `inbox/new/X` and
  // `inbox/new/X/a.json` cannot both exist, and filing one would stop every later pass.
  if (check.key.slice(SUBMISSION_KEY_PREFIX.length).includes('/')) {
    return s3Error(
      res,
      400,
      'InvalidArgument',
      `A submission key is a name directly in ${SUBMISSION_KEY_PREFIX}, with no "/" after it.`,
    );
  }
  try {
    await uploads.store.put(
      check.key,
      check.body,
      check.contentType ? { contentType: check.contentType } : {},
    );
  } catch (err) {
    // A key the folder store keeps for itself (a `.tmp` name): refused, never a 204 for an
    // upload that ingest would never see. Its message names the key, nothing of the disk.
    if (err instanceof QdnError && err.code === 'bad_request') {
      return s3Error(res, 400, 'InvalidArgument', err.message);
    }
    // Anything else names a file on the laptop: the dispatcher reads that where the sandbox
    // runs; the customer's phone gets S3's words for it.
    process.stderr.write(`qdn: an upload to ${check.key} was not stored: ${errorMessage(err)}\n`);
    return s3Error(
      res,
      500,
      'InternalError',
      'We encountered an internal error. Please try again.',
    );
  }
  res.writeHead(204).end();
}
