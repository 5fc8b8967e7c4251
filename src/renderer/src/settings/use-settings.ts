import { useEffect } from 'react';
import { settingsSchema } from '../../../shared/settings/settings';
import type { Settings } from '../../../shared/settings/settings';
import { useSettingsStore } from './settings-store';

/** What a workspace has before its settings are read (or when they cannot be): the defaults. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({ mode: 'sandbox' });

/**
 * The workspace's settings for a view that needs them (the business's zone, its templates, the
 * crew): read once on first use; the defaults meanwhile, so a time is never shown in no zone.
 */
export function useSettings(): Settings {
  const settings = useSettingsStore((s) => s.settings);
  const tried = useSettingsStore((s) => s.settings !== null || s.error !== null || s.loading);
  const load = useSettingsStore((s) => s.load);
  useEffect(() => {
    if (!tried) void load();
  }, [tried, load]);
  return settings ?? DEFAULT_SETTINGS;
}
