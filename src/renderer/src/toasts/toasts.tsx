import { useEffect, useState } from 'react';
import { TOAST_MS, useToastStore } from './toast-store';
import type { Toast } from './toast-store';
import './toasts.css';

/**
 * Toasts for changes (with Undo) and for background work that failed, in a strip of their own
 * at the window's bottom (toasts.css): they cover nothing and never make the layout jump. The
 * newest comes first, so that a narrow strip shows the newest ones.
 */
export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  const listenToBackgroundProblems = useToastStore((s) => s.listenToBackgroundProblems);
  useEffect(() => listenToBackgroundProblems(), [listenToBackgroundProblems]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.toReversed().map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

/**
 * One toast. It waits while the pointer or the keyboard is on it, so an Undo being reached
 * for never disappears under the dispatcher's hand; errors stay twice as long.
 */
function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((s) => s.dismiss);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS * (toast.tone === 'error' ? 2 : 1));
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, held, dismiss]);
  return (
    <p
      className={`toast toast-${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : undefined}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <span className="toast-text" title={toast.text}>
        {toast.text}
      </span>
      {toast.actions?.map((action) => (
        <button
          key={action.label}
          type="button"
          onClick={() => {
            dismiss(toast.id);
            void action.run();
          }}
        >
          {action.label}
        </button>
      ))}
      {toast.undo && (
        <button
          type="button"
          onClick={() => {
            dismiss(toast.id);
            void toast.undo?.();
          }}
        >
          Undo
        </button>
      )}
      <button
        type="button"
        className="toast-dismiss"
        aria-label="Dismiss"
        onClick={() => dismiss(toast.id)}
      >
        ×
      </button>
    </p>
  );
}
