import { useRef } from 'react';
import { useModalDialog } from '../dialogs/modal-dialog';
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
 * Esc closes it; the keyboard moves into it when it opens and back where it was when it closes.
 */
export function DeploySheet() {
  const open = useDeployStore((s) => s.open);
  const closeSheet = useDeployStore((s) => s.closeSheet);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ref = useModalDialog(open, closeSheet, headingRef);

  return (
    <dialog ref={ref} className="deploy-sheet" aria-labelledby="deploy-sheet-title">
      <div className="sheet-head">
        <h2 id="deploy-sheet-title" ref={headingRef} tabIndex={-1}>
          Deploy
        </h2>
        <button type="button" className="secondary" onClick={closeSheet}>
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
