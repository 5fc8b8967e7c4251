import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings/settings';

interface SettingsState {
  /** Null until read (or when it could not be: `error` says why). */
  settings: Settings | null;
  error: string | null;
  load: () => Promise<void>;
}

/** The workspace's settings: business (name, phone, time zone, currency), templates, crew, AWS. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  error: null,
  async load() {
    try {
      set({ settings: await qdn.getSettings(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
