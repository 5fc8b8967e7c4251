import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The boundaries of eslint.config.js, checked by linting small sources as if they lived in each
// folder. Type-aware rules are switched off for these virtual files (they are in no tsconfig);
// the import rules under test need no types.
const eslint = new ESLint({
  overrideConfig: [
    tseslint.configs.disableTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-unused-vars': 'off' },
    },
  ],
});

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.fatal)
    .map((m) => m.message);
}

describe('the lint fence', () => {
  it.each([
    ['src/core/jobs/x.ts', "import { app } from 'electron';"],
    ['src/core/jobs/x.ts', "import { ipcRenderer } from 'electron/renderer';"],
    ['src/shared/x.ts', "import { app } from 'electron/main';"],
    ['src/cli/x.ts', "import { clipboard } from 'electron/common';"],
    ['src/harness/x.ts', "import { app } from 'electron/main';"],
    ['src/renderer/src/x.ts', "import { ipcRenderer } from 'electron/renderer';"],
    ['site/src/x.ts', "import { app } from 'electron/main';"],
  ])('keeps Electron (and its subpaths) out of %s: %s', async (file, source) => {
    // electron/main and electron/renderer also trip the shell fence; the Electron one must be there.
    expect(await importErrors(file, source)).toContainEqual(
      expect.stringMatching(/Electron|window\.qdn/),
    );
  });

  it.each([
    ['src/core/jobs/x.ts', "import { registerIpc } from '../../main/ipc';"],
    ['src/core/jobs/x.ts', "import { useBoard } from '../../renderer/src/board/board-store';"],
    ['src/core/jobs/x.ts', "import { startHarness } from '../../harness/harness-server';"],
    ['src/core/jobs/x.ts', "import { runCli } from '../../cli/qdn';"],
    ['src/shared/x.ts', "import { startHarness } from '../harness/harness-server';"],
    ['src/shared/deploy/x.ts', "import { createMainWindow } from '../../main/window';"],
    ['src/shared/x.ts', "import { runCli } from '../cli';"],
  ])('keeps %s from importing a shell: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([expect.stringMatching(/know no shell/)]);
  });

  it.each([
    // Each arrow that ran back up before the floors (issue 16), and a same-floor import.
    ['src/core/jobs/x.ts', "import { timeId } from '../deploy/deploy-context';"],
    [
      'src/core/jobs/x.ts',
      "import type { StatusPublisher } from '../publishing/status-publisher';",
    ],
    ['src/core/cdn/x.ts', "import { readRunningEdge } from '../sandbox/edge-state';"],
    ['src/core/sandbox/x.ts', "import { openWorkspace } from '../workspace/open-workspace';"],
    ['src/core/inbox/x.ts', "import type { Workspace } from '../workspace/open-workspace';"],
    ['src/core/deploy/x.ts', "import { createCoreApi } from '../console/core-api';"],
    ['src/core/deploy/x.ts', "import { linkDoctor } from '../operations/link-doctor';"],
    ['src/core/deploy/x.ts', "import { ingestInbox } from '../inbox/inbox-ingest';"],
    ['src/core/storage/x.ts', "import type { Job } from '../jobs/jobs-service';"],
    ['src/core/workspace/x.ts', "import { createCoreApi } from '../console/core-api';"],
  ])('keeps %s on its floor: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([
      expect.stringMatching(/may import only lower floors/),
    ]);
  });

  it.each([
    ['src/core/operations/x.ts', "import { extractToken } from '../../../site/src/track';"],
    ['src/core/deploy/x.ts', "import { CASES } from '../../../site/edge/viewer-request';"],
    ['src/shared/x.ts', "import { extractToken } from '../../site/src/track';"],
    ['src/shared/edge/x.ts', "import { CASES } from '../../../site/edge/viewer-request';"],
  ])('keeps %s from importing the public site: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([
      expect.stringMatching(/import no public-site source/),
    ]);
  });

  it('keeps shared code from importing core', async () => {
    expect(
      await importErrors(
        'src/shared/x.ts',
        "import { JobsService } from '../core/jobs/jobs-service';",
      ),
    ).toEqual([expect.stringMatching(/imports no core/)]);
  });

  it.each([
    ['src/core/console/x.ts', "import { openWorkspace } from '../workspace/open-workspace';"],
    ['src/core/operations/x.ts', "import { DeployService } from '../deploy/deploy-service';"],
    ['src/core/deploy/x.ts', "import type { JobsService } from '../jobs/jobs-service';"],
    ['src/core/publishing/x.ts', "import { finishedBefore } from '../jobs/job-lifecycle';"],
    ['src/core/deploy/x.ts', "import { RunProgress } from './deploy-context';"],
  ])('lets %s import a lower floor or its own folder: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });

  it.each([
    ['src/core/jobs/x.ts', "import { QdnError } from '../../shared/errors';"],
    ['src/core/jobs/x.ts', "import { LocalFolderStore } from '../storage/local-folder-store';"],
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/main/x.ts', "import { app } from 'electron';"],
    ['src/main/x.ts', "import { startConsoleSession } from '../core/console/console-session';"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron/renderer';"],
    ['src/harness/x.ts', "import { answerCall } from '../shared/call';"],
  ])('lets %s import what it may: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });

  async function castFindings(file: string, source: string) {
    const [result] = await eslint.lintText(source, { filePath: file });
    return result!.messages
      .filter((m) => m.ruleId === 'no-restricted-syntax')
      .map((m) => ({ severity: m.severity, message: m.message }));
  }
  const castError = { severity: 2, message: expect.stringMatching(/errorMessage\(err\)/) };

  it.each([
    'src/main/x.ts',
    'src/main/index.ts',
    'src/preload/index.ts',
    'src/shared/x.ts',
    'src/harness/x.ts',
    'src/core/storage/x.ts',
    'src/core/sandbox/x.ts',
    'src/core/deploy/x.ts',
    'src/core/cdn/x.ts',
    'src/core/site/x.ts',
    'src/core/sandbox/edge-state.ts',
    'src/core/events/event-hub.ts',
    'src/core/jobs/jobs-repository.ts',
    'src/cli/main.ts',
    'src/renderer/src/deploy/deploy-store.ts',
    'bin/x.ts',
    'scripts/x.ts',
  ])(
    'bans reading a cast Error’s message in %s, a swept folder (errorMessage instead)',
    async (file) => {
      expect(
        await castFindings(file, 'export const f = (err: unknown) => (err as Error).message;\n'),
      ).toEqual([castError]);
    },
  );

  it.each([
    '(err as Error)?.message',
    '(err as QdnError).message',
    '(err as TypeError).message',
    '(err as NodeJS.ErrnoException).message',
  ])('catches the cast in its other spellings: %s', async (expression) => {
    const source = `export const f = (err: unknown) => ${expression};\n`;
    expect(await castFindings('src/core/storage/x.ts', source)).toEqual([castError]);
  });

  it.each(['src/core/jobs/jobs-file.ts', 'src/renderer/src/board/x.ts', 'site/src/x.ts'])(
    'bans it in %s too: every folder of production code has been swept',
    async (file) => {
      expect(
        await castFindings(file, 'export const f = (err: unknown) => (err as Error).message;\n'),
      ).toEqual([castError]);
    },
  );

  it('lets errorMessage and a cast read of another field through', async () => {
    const source =
      "import { errorMessage } from '../../shared/errors';\n" +
      'export const f = (err: unknown) => errorMessage(err);\n' +
      'export const g = (err: unknown) => (err as NodeJS.ErrnoException).code;\n';
    expect(await castFindings('src/core/storage/x.ts', source)).toEqual([]);
  });

  it('still keeps raw ipcMain out of src/main outside ipc.ts and index.ts', async () => {
    const [result] = await eslint.lintText(
      "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n",
      {
        filePath: 'src/main/x.ts',
      },
    );
    expect(result!.messages.map((m) => m.message)).toContainEqual(
      expect.stringMatching(/Register IPC in src\/main\/ipc\.ts/),
    );
  });
});
