import type { Bridged, CallResult, QdnApi } from './api';
import { unwrapCall } from './call';

/** One contract call as it leaves the renderer's side: arguments out, a CallResult back. */
export type RawCall = (...args: unknown[]) => Promise<CallResult>;

/**
 * The calls of a bridge (Electron's preload, the browser harness), built from the method lists
 * in api.ts over one transport, so no bridge hand-builds (and casts) its own. The caller checks
 * the whole object it exposes with `satisfies QdnBridge`.
 */
export function bridgeCalls<M extends keyof QdnApi>(
  methods: readonly M[],
  transport: (method: M) => RawCall,
): Pick<Bridged<QdnApi>, M> {
  return fromMethods(methods, transport) as Pick<Bridged<QdnApi>, M>;
}

/**
 * The renderer's side of the same calls: each outcome unwrapped, so a failure is a thrown
 * QdnError that still carries its code. `bridge` is read at each call, not once, so the page
 * (or a test) may install `window.qdn` after this module loads.
 */
export function unwrappedCalls<M extends keyof QdnApi>(
  methods: readonly M[],
  bridge: () => Pick<Bridged<QdnApi>, M>,
): Pick<QdnApi, M> {
  return fromMethods(methods, (method) => async (...args: unknown[]) => {
    // Each method of the bridge takes its own arguments; these come from the matching QdnApi
    // method's caller, so passing them through unchanged keeps them right.
    const call = bridge()[method] as unknown as RawCall;
    return unwrapCall(await call(...args));
  }) as Pick<QdnApi, M>;
}

// The one cast of the bridges: Object.fromEntries cannot say that each key gets its own
// method's type. The lists it is built from are checked against QdnApi in api.ts.
function fromMethods<M extends string>(
  methods: readonly M[],
  make: (method: M) => (...args: unknown[]) => Promise<unknown>,
): unknown {
  return Object.fromEntries(methods.map((method) => [method, make(method)]));
}
