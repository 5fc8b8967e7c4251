import type { z } from 'zod';
import { errorMessage, QdnError } from './errors';
import type { CallResult } from './api';
import { describeIssues } from './validation-message';

type ArgSchemas<Api> = { [K in keyof Api]: z.ZodType<unknown[]> };

/**
 * Runs one contract call on the receiving side: checks the method exists, parses the
 * arguments with its schema, and turns every failure into a CallResult the other side can read.
 */
export async function answerCall<Api extends object>(
  handlers: Api,
  schemas: ArgSchemas<Api>,
  method: string,
  rawArgs: unknown,
): Promise<CallResult> {
  try {
    if (!Object.hasOwn(schemas, method) || !Object.hasOwn(handlers, method)) {
      throw new QdnError('bad_request', `Unknown call "${method}".`);
    }
    const schema = (schemas as Record<string, z.ZodType<unknown[]>>)[method]!;
    const parsed = schema.safeParse(rawArgs);
    if (!parsed.success) {
      // Paths start with the argument's index, which means nothing to the dispatcher.
      // zod's own messages may start "Invalid input:" too; the reader needs it once.
      const detail = describeIssues(parsed.error, 1).replace(/^Invalid input: /, '');
      throw new QdnError('bad_request', `Invalid input: ${detail}`);
    }
    const handler = (handlers as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
    return { ok: true, value: await handler.apply(handlers, parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

function toErrorPayload(err: unknown): { code: QdnError['code']; message: string } {
  if (err instanceof QdnError) return { code: err.code, message: err.message };
  // Unexpected errors keep their message (for the dispatcher to report) but not their stack.
  return { code: 'internal', message: `Unexpected error: ${errorMessage(err)}` };
}

/** The calling side: a CallResult back into a value, or a thrown QdnError. */
export function unwrapCall<T>(result: CallResult): T {
  if (result.ok) return result.value as T;
  throw new QdnError(result.error.code, result.error.message);
}
