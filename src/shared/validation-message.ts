import type { z } from 'zod';

/** A zod error as one readable line: "pickup_date: Invalid ISO datetime; price: …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join('.');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
