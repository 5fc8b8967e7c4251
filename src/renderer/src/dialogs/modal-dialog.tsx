import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';

/**
 * The life of a modal on the browser's own <dialog>, driven by a store's `open` flag: the rest
 * of the page is inert while it is open (focus stays inside) and the keyboard goes back where it
 * was — unless the work moved it on (e.g. to a new card). `initialFocus` takes the keyboard on
 * open (else the browser's first focusable element).
 *
 * Esc closes the dialog natively and the store hears it from the `cancel` event (and from
 * `close`, for any other way the browser closes it). (Cancelling Esc and asking the store to
 * close instead is not reliable: Chromium may close a dialog anyway when its cancel is refused
 * without a fresh user activation, and the store would still say "open".)
 */
export function useModalDialog(
  open: boolean,
  onClose: () => void,
  initialFocus?: RefObject<HTMLElement | null>,
) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const closedByStore = useRef(false);

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
      closedByStore.current = true;
      dialog.close();
      if (focusWasInside && returnTo.current?.isConnected) returnTo.current.focus();
    }
  }, [open, initialFocus]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Esc hides the dialog at once but fires `close` only a task later; the store hears it at
    // `cancel`, so a key pressed in between (N again) finds it closed, and opens it.
    const onCancel = (event: Event) => {
      if (!event.defaultPrevented) onClose();
    };
    const onNativeClose = () => {
      if (closedByStore.current) {
        closedByStore.current = false;
        return;
      }
      // A late `close` of a dialog already opened again is old news.
      if (dialog.open) return;
      // Closed by the browser (Esc): tell the store, and take the keyboard home.
      if (returnTo.current?.isConnected) returnTo.current.focus();
      onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
    };
  }, [onClose]);

  return ref;
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
  const ref = useModalDialog(open, onClose);
  return (
    <dialog
      ref={ref}
      className={['modal', className].filter(Boolean).join(' ')}
      aria-labelledby={labelledBy}
    >
      {children}
    </dialog>
  );
}
