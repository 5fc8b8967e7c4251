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
  pendingMove: PendingMove | null;
  openNewJob: () => void;
  closeNewJob: () => void;
  openShortcuts: () => void;
  closeShortcuts: () => void;
  askMove: (move: PendingMove) => void;
  closeMove: () => void;
}

/** The console's dialogs besides Settings (which the board store holds for its owner). */
export const useDialogsStore = create<DialogsState>()((set) => ({
  newJobOpen: false,
  shortcutsOpen: false,
  pendingMove: null,
  openNewJob: () => set({ newJobOpen: true }),
  closeNewJob: () => set({ newJobOpen: false }),
  openShortcuts: () => set({ shortcutsOpen: true }),
  closeShortcuts: () => set({ shortcutsOpen: false }),
  askMove: (pendingMove) => set({ pendingMove }),
  closeMove: () => set({ pendingMove: null }),
}));
