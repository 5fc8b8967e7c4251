// The browser harness's stand-in for Electron's preload: the same `window.qdn` bridge, carried
// over loopback HTTP to the same core. Loaded only by the harness, never by a packaged build.
import { CORE_METHODS } from '../../shared/api';
import type { Bridged, CallResult, CoreApi, QdnBridge } from '../../shared/api';

function remote(method: keyof CoreApi) {
  return async (...args: unknown[]): Promise<CallResult> => {
    let response: Response;
    try {
      response = await fetch(`/__harness/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch {
      return failure(
        'storage_unavailable',
        'The console service is not running. Restart npm start.',
      );
    }
    if (!response.ok)
      return failure('internal', `The console service answered ${response.status}.`);
    return (await response.json()) as CallResult;
  };
}

function failure(code: 'storage_unavailable' | 'internal', message: string): CallResult<never> {
  return { ok: false, error: { code, message } };
}

// Built from the method list that api.ts checks against CoreApi at compile time.
const core = Object.fromEntries(
  CORE_METHODS.map((m) => [m, remote(m)]),
) as unknown as Bridged<CoreApi>;

window.qdn = {
  ...core,
  copyText: async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      return { ok: true, value: undefined };
    } catch (err) {
      return failure('internal', `Could not copy: ${(err as Error).message}`);
    }
  },
} satisfies QdnBridge;
