import { create } from 'zustand';
import { qdn } from '../qdn';

/** How long a toast stays; long enough to reach its Undo. */
export const TOAST_MS = 6000;

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  /** Offered as an Undo button while the toast is up; it records a new change, never a rewrite. */
  undo?: () => Promise<void>;
}

interface ToastState {
  toasts: Toast[];
  /** Shows a toast; returns its id. Errors from background work come here too, never swallowed. */
  push: (toast: Omit<Toast, 'id'>) => number;
  dismiss: (id: number) => void;
  /**
   * Shows what failed in work the dispatcher did not start (tracking pages refreshed after a
   * start or a Settings save, the booking page's upload policy); returns the unsubscribe.
   */
  listenToBackgroundProblems: () => () => void;
}

let nextId = 1;
/** At most this many on screen: the oldest goes first. */
const MAX_TOASTS = 4;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  listenToBackgroundProblems: () =>
    qdn.onEvent('backgroundProblem', ({ message }) => {
      get().push({ text: message, tone: 'error' });
    }),
  push(toast) {
    const id = nextId++;
    set((s) => ({ toasts: [...s.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));
