import { useEffect } from 'react';
import { TOAST_MS, useToastStore } from './toast-store';
import type { Toast } from './toast-store';

/** Toasts for changes (with Undo) and for background work that failed; never a layout jump. */
export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const dismiss = useToastStore((s) => s.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast.id, dismiss]);
  return (
    <p className={`toast toast-${toast.tone}`}>
      {toast.text}
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
      <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </p>
  );
}
