import { z } from 'zod';
import { QdnError } from './errors';
import type { CallResult } from './api';

type AnyHandlers = Record<string, (...args: never[]) => Promise<unknown>>;
type AnySchemas = Record<string, z.ZodType<unknown[]>>;

/**
 * Runs one contract call on the receiving side: checks the method exists, parses the
 * arguments with its schema, and turns every failure into a CallResult the other side can read.
 */
export async function answerCall(
  handlers: AnyHandlers,
  schemas: AnySchemas,
  method: string,
  rawArgs: unknown,
): Promise<CallResult> {
  try {
    if (!Object.hasOwn(schemas, method) || !Object.hasOwn(handlers, method)) {
      throw new QdnError('bad_request', `Unknown call "${method}".`);
    }
    const parsed = schemas[method]!.safeParse(rawArgs);
    if (!parsed.success) {
      throw new QdnError('bad_request', `Invalid input: ${z.prettifyError(parsed.error)}`);
    }
    const handler = handlers[method] as (...args: unknown[]) => Promise<unknown>;
    return { ok: true, value: await handler(...parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err) };
  }
}

function toErrorPayload(err: unknown): { code: QdnError['code']; message: string } {
  if (err instanceof QdnError) return { code: err.code, message: err.message };
  // Unexpected errors keep their message (for the dispatcher to report) but not their stack.
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** The calling side: a CallResult back into a value, or a thrown QdnError. */
export function unwrapCall<T>(result: CallResult): T {
  if (result.ok) return result.value as T;
  throw new QdnError(result.error.code, result.error.message);
}
