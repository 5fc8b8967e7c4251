import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Installers cannot be built here (electron-builder downloads Electron's binaries to package),
// so the configuration is what is checked: read the way electron-builder reads it, validated
// with electron-builder's own schema (app-builder-lib's scheme.json), then the fields that
// matter asserted. app-builder-lib is electron-builder's library; its loaders are plain CJS.
const require = createRequire(import.meta.url);
interface ConfigModule {
  validateConfiguration: (
    config: unknown,
    log: { isEnabled: boolean; add(): void },
  ) => Promise<void>;
}
interface LoadModule {
  getConfig: (
    request: { packageKey: string; configFilename: string; projectDir: string },
    configPath: string | null,
  ) => Promise<{ result: BuilderConfig; configFile: string | null } | null>;
}
interface Target {
  target: string;
  arch: string | string[];
}
interface BuilderConfig {
  [key: string]: unknown;
  files: string[];
  electronFuses: Record<string, boolean>;
  mac: { icon: string; target: Target[] };
  win: { icon: string; target: Target[] };
  linux: { icon: string; target: Target[]; maintainer: string };
}
const { validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as ConfigModule;
const { getConfig } = require('app-builder-lib/out/util/config/load.js') as LoadModule;
const quiet = { isEnabled: false, add: () => undefined };

async function loadConfig(): Promise<BuilderConfig> {
  const found = await getConfig(
    { packageKey: 'build', configFilename: 'electron-builder', projectDir: process.cwd() },
    null,
  );
  expect(found?.configFile, 'electron-builder finds electron-builder.yml').toBe(
    path.resolve('electron-builder.yml'),
  );
  return found!.result;
}

describe('the installer configuration', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(await loadConfig(), quiet)).resolves.toBeUndefined();
  });

  it('is checked by that schema (a misspelt fuse is refused)', async () => {
    const config = await loadConfig();
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } };
    await expect(validateConfiguration(broken, quiet)).rejects.toThrow(
      /Invalid configuration object[\s\S]*electronFuses/,
    );
  });

  it('builds a universal dmg, an nsis installer, an AppImage and a deb', async () => {
    const config = await loadConfig();
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: 'universal' }]);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    // A deb needs a maintainer; package.json has no author to fall back on.
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('takes every platform’s icon from resources/, large enough for a dmg', async () => {
    const config = await loadConfig();
    for (const os of [config.mac, config.win, config.linux]) {
      expect(os.icon).toBe('resources/icon.png');
    }
    const png = readFileSync('resources/icon.png');
    // PNG header: width and height, big-endian, at bytes 16 and 20. macOS wants ≥ 512.
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('sets the fuses: no run-as-node, NODE_OPTIONS or --inspect; asar only; cookies encrypted', async () => {
    const fuses = (await loadConfig()).electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs what the app reads at run time, which exists after a build', async () => {
    const config = await loadConfig();
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(config.files).toEqual(
      expect.arrayContaining(['out/**', 'site/edge/viewer-request.js', 'resources/icon.png']),
    );
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(existsSync('site/edge/viewer-request.js')).toBe(true);
    // `npm run dist` builds first, then packages with this configuration.
    expect(pkg.scripts.dist).toBe('npm run build && electron-builder');
  });
});
