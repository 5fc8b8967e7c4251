// The browser harness's stand-in for Electron's preload: the same `window.qdn` contract, carried
// over loopback HTTP to the same core. Loaded only by the harness, never by a packaged build.
import { CORE_METHODS } from '../../shared/api';
import type { CoreApi, QdnApi } from '../../shared/api';
import { unwrapCall } from '../../shared/call';
import type { CallResult } from '../../shared/api';
import { QdnError } from '../../shared/errors';

function remote(method: keyof CoreApi) {
  return async (...args: unknown[]): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`/__harness/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
    } catch {
      throw new QdnError(
        'storage_unavailable',
        'The console service is not running. Restart npm start.',
      );
    }
    if (!response.ok) {
      throw new QdnError('internal', `The console service answered ${response.status}.`);
    }
    return unwrapCall((await response.json()) as CallResult);
  };
}

const api = Object.fromEntries(CORE_METHODS.map((m) => [m, remote(m)])) as unknown as CoreApi;

window.qdn = {
  ...api,
  copyText: (text: string) => navigator.clipboard.writeText(text),
} satisfies QdnApi;
