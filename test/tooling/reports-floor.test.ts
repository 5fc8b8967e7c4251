import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// src/core/reports (issue 17) stands on the floor above jobs, beside publishing, in
// eslint.config.js's CORE_FLOORS: a report reads jobs; nothing below reads a report, and a
// report reaches nothing above (no sandbox, no workspace), so it stays pure over jobs. Linted as
// test/tooling/lint-fence.test.ts does, on small sources placed in each folder.
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

describe('the reports floor', () => {
  it.each([
    ['src/core/jobs/x.ts', "import { jobsReport } from '../reports/jobs-report';"],
    ['src/core/storage/x.ts', "import { reportCsv } from '../reports/report-csv';"],
    ['src/core/reports/x.ts', "import { openWorkspace } from '../workspace/open-workspace';"],
    ['src/core/reports/x.ts', "import { StatusPublisher } from '../publishing/status-publisher';"],
    ['src/core/reports/x.ts', "import { startSandboxEdge } from '../sandbox/sandbox-edge';"],
  ])('keeps %s on its floor: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([
      expect.stringMatching(/may import only lower floors/),
    ]);
  });

  it.each([
    ['src/core/reports/x.ts', "import { finishedAt } from '../jobs/job-lifecycle';"],
    ['src/core/reports/x.ts', "import { dayKeyOf } from '../../shared/zoned-time';"],
    ['src/core/console/x.ts', "import { jobsReport } from '../reports/jobs-report';"],
    ['src/cli/x.ts', "import { jobsReport } from '../core/reports/jobs-report';"],
  ])('lets %s import it or what it stands on: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
