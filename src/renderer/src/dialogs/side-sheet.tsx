import { useRef } from 'react';
import type { ReactNode } from 'react';
import { useModalDialog } from './modal-dialog';
import './side-sheet.css';

/**
 * A sheet on the right, full height, as a modal dialog (the board stays visible but inert beside
 * it): its title and a Close button stay on top while its body scrolls. Esc closes it; the
 * keyboard moves to its title when it opens and back where it was when it closes. The body is
 * mounted only while it is open, so each opening starts fresh.
 */
export function SideSheet({
  open,
  onClose,
  title,
  titleId,
  className,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The title's element id, which names the dialog. */
  titleId: string;
  /** The sheet's own class: its width (`--sheet-width`) and what its body's styles hang on. */
  className?: string;
  children: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ref = useModalDialog(open, onClose, headingRef);

  return (
    <dialog
      ref={ref}
      className={['side-sheet', className].filter(Boolean).join(' ')}
      aria-labelledby={titleId}
    >
      <div className="sheet-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
