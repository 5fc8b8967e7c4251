import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import type { JobsFileVersion } from '../../../shared/jobs/jobs-api';
import { useBoardStore } from './board-store';

interface JobsFileState {
  /** Earlier versions of jobs.json, newest first; null until asked for. */
  versions: JobsFileVersion[] | null;
  /** Why the versions could not be listed. */
  error: string | null;
  /** Why the last restore failed; the versions stay on offer, freshly listed. */
  restoreError: string | null;
  /** The version being restored. */
  restoring: string | null;
  /** What did not follow a restore (tracking pages), to show after it. */
  warning: string | null;
  loadVersions: () => Promise<void>;
  restore: (versionId: string) => Promise<void>;
}

/** jobs.json's history: offered when the current file is broken, so nothing is lost to it. */
export const useJobsFileStore = create<JobsFileState>()((set, get) => ({
  versions: null,
  error: null,
  restoreError: null,
  restoring: null,
  warning: null,
  async loadVersions() {
    try {
      set({ versions: await qdn.listJobsFileVersions(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
  async restore(versionId) {
    set({ restoring: versionId, restoreError: null, warning: null });
    try {
      const { warning } = await qdn.restoreJobsFileVersion(versionId);
      set({ warning, versions: null });
      await useBoardStore.getState().load();
    } catch (err) {
      set({ restoreError: errorMessage(err) });
      await get().loadVersions();
    } finally {
      set({ restoring: null });
    }
  },
}));
