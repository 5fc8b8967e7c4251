import { create } from 'zustand';
import { qdn } from '../qdn';
import type { JobsFileVersion } from '../../../shared/api';
import { useBoardStore } from './board-store';

interface JobsFileState {
  /** Earlier versions of jobs.json, newest first; null until asked for. */
  versions: JobsFileVersion[] | null;
  error: string | null;
  /** The version being restored. */
  restoring: string | null;
  /** What did not follow a restore (tracking pages), to show after it. */
  warning: string | null;
  loadVersions: () => Promise<void>;
  restore: (versionId: string) => Promise<void>;
}

/** jobs.json's history: offered when the current file is broken, so nothing is lost to it. */
export const useJobsFileStore = create<JobsFileState>()((set) => ({
  versions: null,
  error: null,
  restoring: null,
  warning: null,
  async loadVersions() {
    try {
      set({ versions: await qdn.listJobsFileVersions(), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    }
  },
  async restore(versionId) {
    set({ restoring: versionId, error: null, warning: null });
    try {
      const { warning } = await qdn.restoreJobsFileVersion(versionId);
      set({ warning, versions: null });
      await useBoardStore.getState().load();
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      set({ restoring: null });
    }
  },
}));
