import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeployContext } from '../../../src/core/deploy/deploy-context';
import { DeployJournal, JOURNAL_KEY } from '../../../src/core/deploy/deploy-journal';
import { DeployService } from '../../../src/core/deploy/deploy-service';
import { promote } from '../../../src/core/deploy/promote';
import { Releases } from '../../../src/core/deploy/releases';
import { rollback } from '../../../src/core/deploy/rollback';
import { stageSite } from '../../../src/core/deploy/stage';
import type { ObjectStore } from '../../../src/core/storage/object-store';
import { openWorkspace } from '../../../src/core/workspace/open-workspace';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { workspaceDeployContext } from '../../../src/core/workspace/workspace-deploy';
import { writeSite } from './site-fixture';

/**
 * A promote's last writes — its release record, the journal's closing write and its history
 * line — go out together (src/core/deploy/prod-change.ts, recorded-run.ts). Any of them may be
 * the one that does not land; these are the states that leaves, and how the next command heals.
 */

let root: string;
let ws: Workspace;
let site: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'qdn-closing-'));
  ws = await openWorkspace(path.join(root, 'ws'));
  site = path.join(root, 'site');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const context = (data: ObjectStore = ws.data): DeployContext => ({
  ...workspaceDeployContext(ws, { surface: 'cli', siteDir: site, invalidationTimeoutMs: 5_000 }),
  data,
});

/** The data bucket, with every PUT of a key that `matches` failing once `after` have passed. */
function failingPut(matches: (key: string) => boolean, after = 0): ObjectStore {
  let seen = 0;
  return new Proxy(ws.data, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== 'put' || typeof value !== 'function') return value;
      return (key: string, ...rest: unknown[]) => {
        if (matches(key) && ++seen > after) {
          return Promise.reject(new Error(`injected fault: PUT ${key}`));
        }
        return (value as (...a: unknown[]) => unknown).call(target, key, ...rest);
      };
    },
  });
}

async function promoteVersion(version: string, data?: ObjectStore) {
  await writeSite(site, version);
  await stageSite(context(), site);
  return promote(context(data), { invalidate: true, prune: false });
}

async function historyLine(id: string) {
  const line = await ws.data.get(`deploys/${id}.json`);
  return JSON.parse(line!.body.toString('utf8')) as { ok: boolean; summary: string };
}

describe("a promote's last writes, sent together", () => {
  it('a release record that did not land beside the journal: the release is listed, rolled back to, and recorded by the next command', async () => {
    const v1 = await promoteVersion('v1');
    await expect(
      promoteVersion(
        'v2',
        failingPut((key) => key.startsWith('releases/')),
      ),
    ).rejects.toThrow(/injected fault: PUT releases\//);

    // The journal closed (prod holds v2, nothing under way), the record is missing, and the
    // run's history line was rewritten as failed after its first version said done.
    const journal = (await new DeployJournal(ws.data).read()).state;
    expect(journal.intent).toBeNull();
    const v2 = journal.release!;
    expect(v2.build_id).toBe('v2');
    expect(await ws.data.head(`releases/${v2.id}.json`)).toBeNull();
    expect(await historyLine(v2.id)).toMatchObject({ ok: false });

    const service = new DeployService(context());
    const listed = await service.listReleases();
    expect(listed.map((r) => [r.id, r.buildId, r.current])).toEqual([
      [v2.id, 'v2', true],
      [v1.releaseId, 'v1', false],
    ]);
    expect(await service.rollbackTarget()).toBe(v1.releaseId);

    // Rolling back to what prod holds finishes what is owed, and writes the missing record.
    const again = await rollback(context(), v2.id);
    expect(again.copied).toEqual([]);
    expect(await new Releases(ws.data).get(v2.id)).toEqual(v2);
  });

  it('the next promote writes a missing record before its journal stops naming that release', async () => {
    await promoteVersion('v1');
    await promoteVersion(
      'v2',
      failingPut((key) => key.startsWith('releases/')),
    ).catch(() => {});
    const v2 = (await new DeployJournal(ws.data).read()).state.release!;
    expect(await ws.data.head(`releases/${v2.id}.json`)).toBeNull();

    const v3 = await promoteVersion('v3');
    expect(v3.ok).toBe(true);
    expect((await new DeployJournal(ws.data).read()).state.release?.id).toBe(v3.releaseId);
    const { releases, unreadable } = await new Releases(ws.data).readAll();
    expect(unreadable).toEqual([]);
    expect(releases.map((r) => r.build_id)).toEqual(['v3', 'v2', 'v1']);
    expect(releases[1]).toEqual(v2);
  });

  it("a journal's closing write that fails: the history line says failed, and the next command finishes the promote", async () => {
    await promoteVersion('v1');
    // The second journal write of the promote is its closing one (the first is its intent).
    const error = await promoteVersion(
      'v2',
      failingPut((key) => key === JOURNAL_KEY, 1),
    ).catch((err: unknown) => err as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/injected fault: PUT deploy-journal\.json/);

    const journal = (await new DeployJournal(ws.data).read()).state;
    const intent = journal.intent!;
    expect(intent.release.build_id).toBe('v2');
    // The record landed beside the failed write: the intent counts as done.
    expect(await ws.data.head(`releases/${intent.release.id}.json`)).not.toBeNull();
    expect(await historyLine(intent.run_id)).toMatchObject({
      ok: false,
      summary: expect.stringMatching(/^promote failed: injected fault/) as unknown,
    });

    const rerun = await promote(context(), { invalidate: true, prune: false });
    expect(rerun.copied).toEqual([]);
    expect(rerun.warnings.join(' ')).toMatch(/Finished the promote .* that stopped midway/);
    const settled = (await new DeployJournal(ws.data).read()).state;
    expect(settled.intent).toBeNull();
    expect(settled.release?.id).toBe(intent.release.id);
    expect(await historyLine(intent.run_id)).toMatchObject({
      ok: true,
      summary: expect.stringMatching(/stopped midway; finished by/) as unknown,
    });
  });
});
