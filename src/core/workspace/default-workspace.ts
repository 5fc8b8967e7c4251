import os from 'node:os';
import path from 'node:path';

/** The console's product name; Electron names its user-data folder after it. */
export const APP_NAME = 'QuickDumpNow Dispatch';

/**
 * Where Electron's `app.getPath('userData')` lives for this app, computed without Electron so
 * the CLI and the console find the same sandbox.
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = os.homedir();
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? path.join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? path.join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? path.join(home, '.config'));
  return path.join(appData, APP_NAME);
}

/** The embedded default workspace: `QDN_WORKSPACE`, else the sandbox in the user-data folder. */
export function defaultWorkspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.QDN_WORKSPACE ?? path.join(userDataDir(env), 'sandbox');
}
