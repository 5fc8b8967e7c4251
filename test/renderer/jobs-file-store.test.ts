import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { JobsFileVersion } from '../../src/shared/jobs/jobs-api';

// The store talks to window.qdn only; a stand-in answers as the real bridge does.
const listJobs = vi.fn<() => Promise<CallResult>>();
const listJobsFileVersions = vi.fn<() => Promise<CallResult>>();
const restoreJobsFileVersion = vi.fn<(id: string) => Promise<CallResult>>();

const v1: JobsFileVersion = {
  versionId: '000000000000002-aa',
  savedAt: '2026-11-28T09:00:00.000Z',
  jobs: 2,
  problem: null,
};

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', { qdn: { listJobs, listJobsFileVersions, restoreJobsFileVersion } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

describe('jobs.json history store', () => {
  it('keeps the versions on offer after a failed restore, freshly listed, with the reason', async () => {
    const { useJobsFileStore } = await import('../../src/renderer/src/stores/jobs-file-store');
    listJobsFileVersions.mockResolvedValue({ ok: true, value: [v1] });
    await useJobsFileStore.getState().loadVersions();
    restoreJobsFileVersion.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'conflict',
        message: 'jobs.json changed while restoring; nothing was restored.',
      },
    });
    await useJobsFileStore.getState().restore(v1.versionId);
    expect(useJobsFileStore.getState()).toMatchObject({
      versions: [v1],
      error: null,
      restoreError: 'jobs.json changed while restoring; nothing was restored.',
      restoring: null,
    });
    expect(listJobsFileVersions).toHaveBeenCalledTimes(2);
  });

  it('reloads the board after a restore, and passes on a lagging tracking page', async () => {
    const { useJobsFileStore } = await import('../../src/renderer/src/stores/jobs-file-store');
    const { useBoardStore } = await import('../../src/renderer/src/stores/board-store');
    restoreJobsFileVersion.mockResolvedValueOnce({
      ok: true,
      value: { jobs: [], warning: 'Restored, but the tracking page could not be updated.' },
    });
    listJobs.mockResolvedValueOnce({ ok: true, value: [] });
    await useJobsFileStore.getState().restore(v1.versionId);
    expect(restoreJobsFileVersion).toHaveBeenCalledWith(v1.versionId);
    expect(useBoardStore.getState()).toMatchObject({ loaded: true, loadError: null });
    expect(useJobsFileStore.getState().warning).toMatch(/Restored, but/);
  });
});
