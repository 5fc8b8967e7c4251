import type { AccessReport, SettingsApi } from '../../shared/settings/settings-api';
import { settingsSchema } from '../../shared/settings/settings';
import type { Settings, SettingsInput } from '../../shared/settings/settings';
import { QdnError } from '../../shared/errors';
import { describeIssues } from '../../shared/validation-message';
import type { SandboxStores } from './sandbox-access';
import { readWorkspaceConfig, writeWorkspaceConfig } from '../config/config-file';
import { listAwsProfiles } from '../aws/aws-profiles';
import { configWith, settingsOf } from './settings-config';
import { checkSandboxAccess } from './sandbox-access';
import { checkAwsAccess } from './aws-access';
import type { AwsAccessOptions } from './aws-access';

/** What Settings works on: the workspace folder (its config.json) and its sandbox stores. */
export interface SettingsPorts extends SandboxStores {
  dir: string;
}

export interface SettingsApiOptions {
  /** Where the AWS config and credentials files are found (AWS_CONFIG_FILE, …); tests set it. */
  env?: NodeJS.ProcessEnv;
  /** Test seam for the AWS checks (CloudFront cannot run here). */
  aws?: AwsAccessOptions;
}

/**
 * Settings over the console's workspace (issue 8 §8). Reads config.json afresh each time (the
 * CLI or another console may have written it); a save is checked in full before anything is
 * written, then written atomically. Applying it (a new business name on tracking pages, a
 * switch to AWS) is the console session's part: it reopens the workspace on the new config.
 */
export function createSettingsApi(
  ws: SettingsPorts,
  options: SettingsApiOptions = {},
): SettingsApi {
  const env = options.env ?? process.env;
  return {
    async getSettings() {
      return settingsOf((await readWorkspaceConfig(ws.dir)).config);
    },

    async saveSettings(input: SettingsInput) {
      const settings = parseSettings(input);
      const { raw } = await readWorkspaceConfig(ws.dir);
      const config = await writeWorkspaceConfig(ws.dir, configWith(raw, settings));
      return settingsOf(config);
    },

    listAwsProfiles: () => listAwsProfiles(env),

    async checkAccess(): Promise<AccessReport> {
      const settings = settingsOf((await readWorkspaceConfig(ws.dir)).config);
      const checks = settings.mode === 'sandbox' ? await checkSandboxAccess(ws) : [];
      // AWS settings prepared on the sandbox are checked too: that is how a dispatcher knows
      // the switch will work before making it.
      if (settings.aws) checks.push(...(await checkAwsAccess(settings.aws, options.aws)));
      return { mode: settings.mode, checkedAt: new Date().toISOString(), checks };
    },
  };
}

/**
 * The settings as saved, or a bad_request naming each field that is wrong. AWS is chosen only
 * with complete AWS settings: the console would otherwise reopen on a workspace it cannot use.
 */
export function parseSettings(input: unknown): Settings {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    throw new QdnError('bad_request', `Settings not saved: ${describeIssues(parsed.error)}`);
  }
  if (parsed.data.mode === 'aws' && !parsed.data.aws) {
    throw new QdnError(
      'bad_request',
      'Settings not saved: aws: the AWS settings (region, buckets, public URL) are required to use AWS',
    );
  }
  return parsed.data;
}
