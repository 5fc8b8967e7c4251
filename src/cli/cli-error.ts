/** A mistake in how the CLI was called: exit 2 with a one-line message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
