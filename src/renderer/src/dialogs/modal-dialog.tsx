import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject, SyntheticEvent } from 'react';

/**
 * The life of a modal on the browser's own <dialog>, driven by a store's `open` flag: the rest
 * of the page is inert while it is open (focus stays inside), Esc asks the store to close it,
 * and the keyboard goes back where it was — unless the work moved it on (e.g. to a new card).
 * `initialFocus` takes the keyboard on open (else the browser's first focusable element).
 */
export function useModalDialog(
  open: boolean,
  onClose: () => void,
  initialFocus?: RefObject<HTMLElement | null>,
) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocus?.current?.focus();
    } else if (!open && dialog.open) {
      const focusWasInside = dialog.contains(document.activeElement);
      dialog.close();
      if (focusWasInside && returnTo.current?.isConnected) returnTo.current.focus();
    }
  }, [open, initialFocus]);
  const onCancel = (event: SyntheticEvent<HTMLDialogElement>) => {
    event.preventDefault();
    onClose();
  };
  return { ref, onCancel };
}

/** A centred modal dialog (New job, a move's reason, the shortcut list). */
export function ModalDialog({
  open,
  onClose,
  labelledBy,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  className?: string;
  children: ReactNode;
}) {
  const { ref, onCancel } = useModalDialog(open, onClose);
  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
      onCancel={onCancel}
    >
      {children}
    </dialog>
  );
}
