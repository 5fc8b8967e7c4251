/** Error codes that cross the renderer/main boundary; the UI picks its wording from these. */
export type QdnErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'invalid_transition'
  | 'jobs_file_invalid'
  | 'conflict'
  | 'storage_unavailable'
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
