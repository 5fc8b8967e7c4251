import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// eslint.config.js's fence around src/core-host (the core's process), checked as
// test/tooling/lint-fence.test.ts checks the others: by linting small sources placed there.
const eslint = new ESLint({
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-unused-vars': 'off' },
    },
  ],
});

async function importErrors(source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: 'src/core-host/x.ts' });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal)
    .map((m) => m.message);
}

describe('the fence around the core’s process', () => {
  it.each([
    ["import { utilityProcess } from 'electron';", /Electron/],
    ["import { parentPort } from 'electron/main';", /Electron/],
    ["import { registerIpc } from '../main/ipc';", /know no shell/],
    ["import { useBoard } from '../renderer/src/board/board-store';", /know no shell/],
    ["import { startHarness } from '../harness/harness-server';", /know no shell/],
    ["import { runCli } from '../cli/qdn';", /know no shell/],
    ["import { extractToken } from '../../site/src/track';", /public-site source/],
  ])('refuses %s', async (source, message) => {
    expect(await importErrors(source)).toContainEqual(expect.stringMatching(message));
  });

  it('lets it stand on core and shared code', async () => {
    expect(
      await importErrors(
        "import { startConsoleSession } from '../core/console/console-session';\n" +
          "import { answerCall } from '../shared/call';",
      ),
    ).toEqual([]);
  });
});
