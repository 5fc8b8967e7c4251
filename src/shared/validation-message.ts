import type { z } from 'zod';

/**
 * A zod error as one readable line: "pickup_date: Invalid ISO datetime; price: …".
 * `skip` drops leading path parts a reader does not know about, such as an argument's index.
 */
export function describeIssues(error: z.ZodError, skip = 0): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.slice(skip).map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/**
 * Why a stored record (a release, the journal, a config file) could not be read, in one
 * sentence for a person: "it is not valid JSON" or its first schema problem — never a dump of
 * every issue flattened into a line.
 */
export function describeRecordError(err: unknown): string {
  if (err instanceof SyntaxError) return 'it is not valid JSON';
  if (isZodError(err)) {
    const [first, ...rest] = err.issues;
    if (!first) return 'it does not match the expected shape';
    const where = first.path.map(String).join('.');
    const said = where ? `${where}: ${first.message}` : first.message;
    return rest.length > 0 ? `${said} (and ${rest.length} more problems)` : said;
  }
  return err instanceof Error ? err.message : String(err);
}

function isZodError(err: unknown): err is z.ZodError {
  return (
    err instanceof Error && err.name === 'ZodError' && Array.isArray((err as z.ZodError).issues)
  );
}
