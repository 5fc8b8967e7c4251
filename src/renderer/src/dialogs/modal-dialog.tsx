import { useEffect, useRef } from 'react';
import type { ReactNode, RefObject } from 'react';

/**
 * The life of a modal on the browser's own <dialog>, driven by a store's `open` flag: the rest
 * of the page is inert while it is open (focus stays inside) and the keyboard goes back where it
 * was — unless the work moved it on (e.g. to a new card). `initialFocus` takes the keyboard on
 * open (else the browser's first focusable element).
 *
 * Esc closes the dialog at its `cancel` event, and the store hears it then (`close` covers any
 * other way the browser closes it). (Cancelling Esc and asking the store to close instead is not
 * reliable: Chromium may close a dialog anyway when its cancel is refused without a fresh user
 * activation, and the store would still say "open".)
 */
export function useModalDialog(
  open: boolean,
  onClose: () => void,
  initialFocus?: RefObject<HTMLElement | null>,
) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const closedHere = useRef(false);

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
      closedHere.current = true;
      dialog.close();
      if (focusWasInside) returnFocus(dialog, returnTo.current);
    }
  }, [open, initialFocus]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    // Esc: closed here, at its `cancel`, keyboard and store included. Left to the browser, the
    // dialog is hidden at once but the focus leaves its field only at the next frame and the
    // store hears of it a task later: an N pressed in between is typed into the hidden field,
    // or finds the store still saying "open".
    const onCancel = (event: Event) => {
      if (event.defaultPrevented || !dialog.open) return;
      closedHere.current = true;
      dialog.close();
      returnFocus(dialog, returnTo.current);
      onClose();
    };
    const onNativeClose = () => {
      if (closedHere.current) {
        closedHere.current = false;
        return;
      }
      // A late `close` of a dialog already opened again is old news.
      if (dialog.open) return;
      // Closed by the browser some other way: take the keyboard home, and tell the store.
      returnFocus(dialog, returnTo.current);
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

/**
 * The keyboard back where it was before the dialog opened. The page itself takes no `focus()`,
 * so the focus is also taken off the closed dialog: a key pressed next is never typed into one
 * of its hidden fields.
 */
function returnFocus(dialog: HTMLDialogElement, to: HTMLElement | null): void {
  if (to?.isConnected) to.focus();
  const active = document.activeElement;
  if (active instanceof HTMLElement && dialog.contains(active)) active.blur();
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
