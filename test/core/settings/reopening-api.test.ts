import { describe, expect, it } from 'vitest';
import { reopeningApi } from '../../../src/core/settings/reopening-api';
import type { CoreApi } from '../../../src/shared/api';
import { CORE_METHODS } from '../../../src/shared/api';
import { settingsSchema } from '../../../src/shared/settings/settings';
import type { Settings, SettingsInput } from '../../../src/shared/settings/settings';
import { answerCall } from '../../../src/shared/call';
import { coreArgs } from '../../../src/shared/api-args';

// The session's reopening is tested for real in settings-session.test.ts; here, the two
// cases a real workspace cannot provoke on demand: a reopen that fails, and saves that race.

/** A stand-in for one opening's calls: Settings kept in memory, as config.json would keep them. */
function opening(name: string, store: { settings: Settings; log: string[] }): CoreApi {
  const api: Partial<CoreApi> = {
    getSettings: () => Promise.resolve(store.settings),
    saveSettings: (input: SettingsInput) => {
      store.settings = settingsSchema.parse(input);
      store.log.push(`${name} saved ${store.settings.business.name}`);
      return Promise.resolve(store.settings);
    },
    getWorkspace: () =>
      Promise.resolve({
        mode: 'sandbox',
        publicBaseUrl: 'http://127.0.0.1:4780',
        businessName: store.settings.business.name,
        location: name,
      }),
  };
  return api as CoreApi; // the calls these tests make, no more
}

const named = (name: string): SettingsInput => ({ mode: 'sandbox', business: { name } });

describe('the console calls across a reopen', () => {
  it('offer every contract method as its own, as IPC and the harness require', async () => {
    const store = { settings: settingsSchema.parse(named('A')), log: [] as string[] };
    const api = reopeningApi(
      () => opening('first', store),
      () => Promise.resolve(),
    );
    for (const method of CORE_METHODS) expect(Object.hasOwn(api, method)).toBe(true);
    expect(await answerCall(api, coreArgs, 'getWorkspace', [])).toMatchObject({
      ok: true,
      value: { businessName: 'A', location: 'first' },
    });
  });

  it('go to the new opening once a save has reopened the workspace', async () => {
    const store = { settings: settingsSchema.parse(named('A')), log: [] as string[] };
    let current = opening('first', store);
    const api = reopeningApi(
      () => current,
      () => {
        current = opening('second', store);
        return Promise.resolve();
      },
    );
    await api.saveSettings(named('B'));
    expect(await api.getWorkspace()).toMatchObject({ businessName: 'B', location: 'second' });
  });

  it('put the old settings back when the workspace cannot be opened with the new ones', async () => {
    const store = { settings: settingsSchema.parse(named('A')), log: [] as string[] };
    const api = reopeningApi(
      () => opening('first', store),
      () => Promise.reject(new Error('port 4780 is taken')),
    );
    await expect(api.saveSettings(named('B'))).rejects.toThrow(
      'Settings not saved: the workspace could not be opened with them (port 4780 is taken).',
    );
    expect(store.settings.business.name).toBe('A');
    expect(store.log).toEqual(['first saved B', 'first saved A']);
  });

  it('save one at a time: each save reopens before the next one starts', async () => {
    const store = { settings: settingsSchema.parse(named('A')), log: [] as string[] };
    let opened = 0;
    let current = opening('opening 0', store);
    const api = reopeningApi(
      () => current,
      async (before, after) => {
        store.log.push(`reopen ${before.business.name} → ${after.business.name}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        current = opening(`opening ${++opened}`, store);
      },
    );
    await Promise.all([api.saveSettings(named('B')), api.saveSettings(named('C'))]);
    expect(store.log).toEqual([
      'opening 0 saved B',
      'reopen A → B',
      'opening 1 saved C',
      'reopen B → C',
    ]);
  });
});
