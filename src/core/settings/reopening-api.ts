import { CORE_METHODS } from '../../shared/api';
import type { CoreApi } from '../../shared/api';
import { errorMessage, QdnError } from '../../shared/errors';
import type { Settings, SettingsInput } from '../../shared/settings/settings';

/** Replaces what runs on the workspace after a save; `before` and `after` say what changed. */
export type Reopen = (before: Settings, after: Settings) => Promise<void>;

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * The console's core calls, one object for the console's whole life (Electron's IPC and the
 * browser harness register it once), each call going to the api of the workspace as opened
 * now. A saved Settings reopens the workspace before the save returns, so the dispatcher's
 * next call already runs on the new configuration — a switch between sandbox and AWS, a new
 * business name on tracking pages — with no restart. Saves run one at a time.
 */
export function reopeningApi(current: () => CoreApi, reopen: Reopen): CoreApi {
  const api: Record<string, AnyCall> = {};
  for (const method of CORE_METHODS) {
    api[method] = (...args) => (current()[method] as AnyCall)(...args);
  }
  let saving: Promise<unknown> = Promise.resolve();
  api.saveSettings = (input) => {
    const next = saving.then(() => saveAndReopen(current, reopen, input as SettingsInput));
    saving = next.catch(() => undefined);
    return next;
  };
  return api as unknown as CoreApi;
}

async function saveAndReopen(
  current: () => CoreApi,
  reopen: Reopen,
  input: SettingsInput,
): Promise<Settings> {
  const before = await current().getSettings();
  const after = await current().saveSettings(input);
  try {
    await reopen(before, after);
  } catch (err) {
    // The console still runs on the old settings: config.json goes back to saying so.
    await current().saveSettings(before);
    throw new QdnError(
      'bad_request',
      `Settings not saved: the workspace could not be opened with them (${errorMessage(err)}).`,
    );
  }
  return after;
}
