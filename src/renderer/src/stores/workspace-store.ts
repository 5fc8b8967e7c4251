import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import type { WorkspaceInfo } from '../../../shared/jobs/jobs-api';

interface WorkspaceState {
  info: WorkspaceInfo | null;
  error: string | null;
  load: () => Promise<void>;
}

/** Which workspace the console runs on (sandbox or AWS) and where its public site answers. */
export const useWorkspaceStore = create<WorkspaceState>()((set) => ({
  info: null,
  error: null,
  async load() {
    try {
      set({ info: await qdn.getWorkspace(), error: null });
    } catch (err) {
      set({ error: errorMessage(err) });
    }
  },
}));
