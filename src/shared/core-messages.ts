import { z } from 'zod';
import type { CallResult } from './api';

/**
 * What crosses between the console's main process and its core's process: calls of the
 * contract and their CallResults, the contract's events, and what only main can give or do
 * (the uploader keys sealed with the OS keychain, the log, the links the window may open).
 */

/** The booking uploader identity's keys, as main hands them to the core on request. */
export interface UploaderKeys {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/** main → core. */
export type ToCore =
  /** Open the console session on this workspace folder: the first message, once. */
  | { type: 'start'; workspaceDir: string }
  /** A contract call whose sender main has checked; the core parses its arguments again. */
  | { type: 'call'; id: number; method: string; args: unknown[] }
  /** The answer to the core's `uploaderKeys` request of the same id. */
  | { type: 'uploaderKeys'; id: number; result: CallResult<UploaderKeys | null> }
  /** Close the session (stop the local edge, remove its record), then say `closed`. */
  | { type: 'close' };

/** core → main. */
export type FromCore =
  | { type: 'started' }
  | { type: 'startFailed'; message: string }
  /**
   * Where the workspace's public site and the running local edge are (null: none): links to
   * them may open in the system browser. Sent before `started` and after each Settings reopen.
   */
  | { type: 'links'; publicBaseUrl: string | null; edgeUrl: string | null }
  | { type: 'result'; id: number; result: CallResult }
  | { type: 'event'; name: string; payload: unknown }
  /** A problem that must not stop the console: it goes to main's log. */
  | { type: 'warn'; message: string }
  /** A request for the uploader keys, answered by main's `uploaderKeys` of the same id. */
  | { type: 'uploaderKeys'; id: number }
  /** The session is closed; `error` says why it did not close cleanly. */
  | { type: 'closed'; error: string | null };

const id = z.number().int().nonnegative();
const callResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string() }),
  }),
]);

// Both ends are this app's own code, so a message that does not parse is a bug, not an attack;
// parsing still keeps one from being acted on half-read. Payloads and values stay unknown: the
// contract's own schemas (coreArgs) check what a call carries, once, where it runs.
const toCoreSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), workspaceDir: z.string().min(1) }),
  z.object({ type: z.literal('call'), id, method: z.string(), args: z.array(z.unknown()) }),
  z.object({ type: z.literal('uploaderKeys'), id, result: callResult }),
  z.object({ type: z.literal('close') }),
]);
const fromCoreSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started') }),
  z.object({ type: z.literal('startFailed'), message: z.string() }),
  z.object({
    type: z.literal('links'),
    publicBaseUrl: z.string().nullable(),
    edgeUrl: z.string().nullable(),
  }),
  z.object({ type: z.literal('result'), id, result: callResult }),
  z.object({ type: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ type: z.literal('warn'), message: z.string() }),
  z.object({ type: z.literal('uploaderKeys'), id }),
  z.object({ type: z.literal('closed'), error: z.string().nullable() }),
]);

/** A message main sent, or null when it is not one. */
export function readToCore(message: unknown): ToCore | null {
  const parsed = toCoreSchema.safeParse(message);
  return parsed.success ? (parsed.data as ToCore) : null;
}

/** A message the core sent, or null when it is not one. */
export function readFromCore(message: unknown): FromCore | null {
  const parsed = fromCoreSchema.safeParse(message);
  return parsed.success ? (parsed.data as FromCore) : null;
}
