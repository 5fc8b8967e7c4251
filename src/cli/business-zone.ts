import { readWorkspaceConfig } from '../core/config/config-file';
import { DEFAULT_SANDBOX_CONFIG } from '../core/config/workspace-config';

/**
 * The business's time zone from the workspace's config.json, read without creating anything:
 * arguments are checked before the workspace opens, so a bad one touches nothing on disk. A
 * folder with no config yet gets the zone a new sandbox will have; a config that does not read
 * gets it too, since opening the workspace then stops with what is wrong before any change.
 */
export async function businessZone(dir: string): Promise<string> {
  try {
    return (await readWorkspaceConfig(dir)).config.business.time_zone;
  } catch {
    return DEFAULT_SANDBOX_CONFIG.business.time_zone;
  }
}
