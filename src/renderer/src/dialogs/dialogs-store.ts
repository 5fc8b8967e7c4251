import { create } from 'zustand';
import type { JobStatus } from '../../../shared/status-flow';

/** A move waiting for the dispatcher's word: a cancel to confirm, a correction's reason. */
export interface PendingMove {
  jobId: string;
  to: JobStatus;
  /** 'cancel': confirm, reason optional; 'correction': a reason is required. */
  kind: 'cancel' | 'correction';
}

interface DialogsState {
  newJobOpen: boolean;
  shortcutsOpen: boolean;
  settingsOpen: boolean;
  pendingMove: PendingMove | null;
  openNewJob: () => void;
  closeNewJob: () => void;
  openShortcuts: () => void;
  closeShortcuts: () => void;
  openSettings: () => void;
  closeSettings: () => void;
  askMove: (move: PendingMove) => void;
  closeMove: () => void;
}

/** Which of the console's dialogs and sheets are open (Deploy's own store holds its sheet). */
export const useDialogsStore = create<DialogsState>()((set) => ({
  newJobOpen: false,
  shortcutsOpen: false,
  settingsOpen: false,
  pendingMove: null,
  openNewJob: () => set({ newJobOpen: true }),
  closeNewJob: () => set({ newJobOpen: false }),
  openShortcuts: () => set({ shortcutsOpen: true }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
  openSettings: () => set({ settingsOpen: true }),
  closeSettings: () => set({ settingsOpen: false }),
  askMove: (pendingMove) => set({ pendingMove }),
  closeMove: () => set({ pendingMove: null }),
}));
