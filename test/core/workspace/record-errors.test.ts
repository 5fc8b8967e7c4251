import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalEdgeFiles } from '../../../src/core/sandbox/local-edge-files';
import { readWorkspaceConfig } from '../../../src/core/config/config-file';
import { runQdn } from '../../cli/cli-helpers';

// Real files in a temp workspace, damaged by hand as a dispatcher's editor or a bad sync would.
const dirs: string[] = [];
async function workspace(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qdn-record-errors-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** One sentence: no parser jargon, no dump of every issue, no stack. */
function oneSentence(message: string) {
  expect(message).not.toMatch(/Unexpected token|in JSON at position|\n/);
  expect(message.match(/\. /g) ?? []).toHaveLength(0);
}

describe('a damaged sandbox edge record', () => {
  it.each([
    ['not JSON', 'garbage{', 'it is not valid JSON'],
    [
      'the wrong shape',
      '{"viewer_request_function_arn": 5}',
      'viewer_request_function_arn: Invalid input: expected string, received number',
    ],
  ])('(%s) is named with what is wrong and how to recover', async (_, text, why) => {
    const dir = await workspace();
    const file = path.join(dir, 'edge', 'distribution.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    const error = await new LocalEdgeFiles(dir).readDistribution().then(
      () => null,
      (err: unknown) => err as Error,
    );
    expect(error?.message).toBe(
      `The sandbox edge record ${file} is damaged (${why}): repair it, or delete it and run \`qdn deploy function --publish\` to make it again.`,
    );
    oneSentence(error?.message ?? '');
  });

  it('a function record that is a folder is named too, not "not there"', async () => {
    const dir = await workspace();
    const file = path.join(dir, 'edge', 'functions', 'qdn-viewer-request.json');
    await mkdir(file, { recursive: true });
    await expect(new LocalEdgeFiles(dir).readFunction('qdn-viewer-request')).rejects.toThrow(
      `Could not read ${file}: EISDIR`,
    );
  });

  it('reaches `qdn deploy function` as that sentence', async () => {
    const dir = await workspace();
    const env = { QDN_FROM_SOURCE: '1' };
    const publish = ['deploy', 'function', '--publish', '--yes', '--workspace', dir];
    expect((await runQdn(publish, env)).code).toBe(0);
    const file = path.join(dir, 'edge', 'distribution.json');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, 'garbage{');
    const run = await runQdn(['deploy', 'function', '--workspace', dir], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `qdn: The sandbox edge record ${file} is damaged (it is not valid JSON): repair it, or delete it and run \`qdn deploy function --publish\` to make it again.`,
    );
  }, 30_000);
});

describe('a damaged config.json', () => {
  const cases: [string, string, string][] = [
    [
      'cut short',
      '{"mode":"sandbox",\n',
      'is not valid JSON (at line 2, column 1): repair it in a text editor.',
    ],
    [
      'a stray word',
      '{\n  "mode": "sandbox",\n  "edge_port": 80 x\n}',
      'is not valid JSON (at line 3, column 19): repair it in a text editor.',
    ],
    ['empty', '', 'is not valid JSON (it is empty): repair it in a text editor.'],
    [
      'three problems',
      '{"mode":"sandbox","edge_port":80,"business":{"phone":5},"crew":"x"}',
      'is not a valid workspace config: business.phone: Invalid input: expected string, received number (and 2 more problems).',
    ],
  ];
  it.each(cases)(
    '(%s) names the file and says what is wrong in one sentence',
    async (_, text, said) => {
      const dir = await workspace();
      await writeFile(path.join(dir, 'config.json'), text);
      const error = await readWorkspaceConfig(dir).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(error?.message).toBe(`${path.join(dir, 'config.json')} ${said}`);
      oneSentence(error?.message ?? '');
    },
  );

  it('a config.json that is a folder is named', async () => {
    const dir = await workspace();
    await mkdir(path.join(dir, 'config.json'));
    await expect(readWorkspaceConfig(dir)).rejects.toThrow(
      `Could not read ${path.join(dir, 'config.json')}: EISDIR`,
    );
  });
});
