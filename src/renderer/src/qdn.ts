import { CORE_METHODS, SHELL_METHODS } from '../../shared/api';
import type { CallResult, QdnApi } from '../../shared/api';
import { unwrapCall } from '../../shared/call';

type RawCall = (...args: unknown[]) => Promise<CallResult>;

/**
 * The app, as the renderer's code calls it: `window.qdn` with each outcome unwrapped, so a
 * failure is a thrown QdnError that still carries its code (see Bridged in shared/api.ts).
 */
export const qdn = Object.fromEntries(
  [...CORE_METHODS, ...SHELL_METHODS].map((method) => [
    method,
    async (...args: unknown[]) => {
      const call = window.qdn[method] as unknown as RawCall;
      return unwrapCall(await call(...args));
    },
  ]),
  // Built from the method lists that api.ts checks against QdnApi at compile time.
) as unknown as QdnApi;
