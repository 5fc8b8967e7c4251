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
