import { create } from 'zustand';

interface SelectionState {
  /** The job whose panel is open, or null. */
  selectedJobId: string | null;
  select: (jobId: string | null) => void;
}

/**
 * Which job's panel is open. The board selects (a card's Enter or click); the panel closes
 * (Esc, its Close button). Kept here until the board store carries the selection itself.
 */
export const useSelectionStore = create<SelectionState>()((set) => ({
  selectedJobId: null,
  select: (jobId) => set({ selectedJobId: jobId }),
}));
