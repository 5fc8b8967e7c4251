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
  /** The job whose change the Undo takes back: a job has one live Undo, its newest (`withToast`). */
  jobId?: string;
  /** Buttons that act on what the toast says ("Open job", "Retry"); each closes the toast. */
  actions?: ToastAction[];
}

export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
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

/**
 * The toasts once `toast` is shown. A newer change of a job with its own Undo closes the older
 * Undo toasts of that job: undoing an older change would take back what was done since (or be
 * refused, issue 17), so only the newest change of a job can be undone.
 */
export function withToast(toasts: readonly Toast[], toast: Toast, max = MAX_TOASTS): Toast[] {
  const superseded = (t: Toast) =>
    toast.undo !== undefined && toast.jobId !== undefined && t.undo && t.jobId === toast.jobId;
  return [...toasts.filter((t) => !superseded(t)), toast].slice(-max);
}

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  listenToBackgroundProblems: () =>
    qdn.onEvent('backgroundProblem', ({ message }) => {
      get().push({ text: message, tone: 'error' });
    }),
  push(toast) {
    const id = nextId++;
    set((s) => ({ toasts: withToast(s.toasts, { ...toast, id }) }));
    return id;
  },
  dismiss(id) {
    set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  },
}));
