import os from 'node:os';
import path from 'node:path';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

/** Config-file sections that are not profiles: `[sso-session x]` and `[services x]`. */
const NON_PROFILE_PREFIXES = ['sso-session.', 'services.'];

/** The AWS config and credentials files the SDK and the AWS CLI read, honouring their env vars. */
export function awsSharedFiles(env: NodeJS.ProcessEnv = process.env): {
  configFile: string;
  credentialsFile: string;
} {
  const home = env.HOME ?? env.USERPROFILE ?? os.homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

/**
 * The profile names a dispatcher can choose in Settings: `[default]` and every `[profile x]`
 * of the config file (SSO profiles included), and every section of the credentials file.
 * An `[sso-session x]` is not a profile (profiles refer to it), so it is not offered.
 * Sorted, each once. Missing files mean no profiles, not an error.
 */
export async function listAwsProfiles(env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const { configFile, credentialsFile } = awsSharedFiles(env);
  // ignoreCache: the dispatcher may have just run `aws configure sso` in a terminal.
  const files = await loadSharedConfigFiles({
    configFilepath: configFile,
    filepath: credentialsFile,
    ignoreCache: true,
  });
  const fromConfig = Object.keys(files.configFile).filter(
    (name) => !NON_PROFILE_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  const names = new Set([...fromConfig, ...Object.keys(files.credentialsFile)]);
  return [...names].sort((a, b) => a.localeCompare(b));
}
