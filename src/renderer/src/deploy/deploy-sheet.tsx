import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useDeployStore } from './deploy-store';
import { DeployStatusView } from './deploy-status-view';
import { PromoteSection } from './promote-section';
import { PublicSiteSection } from './public-site-section';
import { DeployRunView } from './deploy-run-view';
import { ReleasesSection } from './releases-section';
import { EdgeFunctionSection } from './edge-function-section';
import { LinkDoctorSection } from './link-doctor-section';
import { HistorySection } from './history-section';
import './deploy.css';

/**
 * The Deploy sheet: a modal dialog on the right (the board stays visible but inert behind it).
 * Esc closes it (the native dialog's cancel); the keyboard moves into it when it opens and
 * back to the Deploy button when it closes.
 */
export function DeploySheet({ returnFocusTo }: { returnFocusTo: RefObject<HTMLElement | null> }) {
  const open = useDeployStore((s) => s.open);
  const closeSheet = useDeployStore((s) => s.closeSheet);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      headingRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // However it closes (Esc, the Close button), the store hears it and the keyboard goes home.
    const onClose = () => {
      closeSheet();
      returnFocusTo.current?.focus();
    };
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, [closeSheet, returnFocusTo]);

  return (
    <dialog ref={dialogRef} className="deploy-sheet" aria-labelledby="deploy-sheet-title">
      <div className="sheet-head">
        <h2 id="deploy-sheet-title" ref={headingRef} tabIndex={-1}>
          Deploy
        </h2>
        <button type="button" className="secondary" onClick={() => dialogRef.current?.close()}>
          Close
        </button>
      </div>
      {open && (
        <div className="sheet-body">
          <DeployStatusView />
          <PromoteSection />
          <PublicSiteSection />
          <DeployRunView />
          <ReleasesSection />
          <EdgeFunctionSection />
          <LinkDoctorSection />
          <HistorySection />
        </div>
      )}
    </dialog>
  );
}
