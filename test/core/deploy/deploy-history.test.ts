import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeployHistory } from '../../../src/core/deploy/deploy-history';
import { LocalFolderStore } from '../../../src/core/storage/local-folder-store';

let dir: string;
let data: LocalFolderStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qdn-history-'));
  data = new LocalFolderStore(dir);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = {
  action: 'doctor',
  at: '2026-11-29T06:00:00.000Z',
  by: 'dispatcher@laptop (console)',
  ok: true,
  summary: 'Link doctor: applied republish_document',
  releaseId: null,
  invalidations: [],
};

describe('deploy history', () => {
  it('lists newest first; a line without details (an action that returned nothing) reads', async () => {
    const history = new DeployHistory(data);
    await data.put(
      'deploys/20261129T060000000Z-aaaaaa.json',
      JSON.stringify({ ...line, id: '20261129T060000000Z-aaaaaa' }),
    );
    await history.record({
      ...line,
      id: '20261129T070000000Z-bbbbbb',
      action: 'stage',
      details: { uploaded: [] },
    } as never);
    const listed = await history.list();
    expect(listed.map((h) => [h.id, h.action, h.details])).toEqual([
      ['20261129T070000000Z-bbbbbb', 'stage', { uploaded: [] }],
      ['20261129T060000000Z-aaaaaa', 'doctor', null],
    ]);
  });

  it('shows an unreadable line as such instead of hiding it', async () => {
    await data.put('deploys/20261129T060000000Z-cccccc.json', '{ not json');
    const [entry] = await new DeployHistory(data).list();
    expect(entry).toMatchObject({ id: '20261129T060000000Z-cccccc', ok: false });
    expect(entry!.summary).toMatch(/unreadable/);
  });
});
