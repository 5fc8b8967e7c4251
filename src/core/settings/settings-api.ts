import type { SettingsApi } from '../../shared/settings/settings-api';
import { QdnError } from '../../shared/errors';

function notBuilt(method: string): never {
  throw new QdnError('internal', `${method} is not built yet.`);
}

/** Settings over the console's workspace (issue 8 §8). Declared ahead of its implementation. */
export function createSettingsApi(): SettingsApi {
  return {
    getSettings: () => notBuilt('getSettings'),
    saveSettings: () => notBuilt('saveSettings'),
    listAwsProfiles: () => notBuilt('listAwsProfiles'),
    checkAccess: () => notBuilt('checkAccess'),
  };
}
