import { SideSheet } from '../dialogs/side-sheet';
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

/** The Deploy sheet, opened from the header's Deploy button: staging, prod and what moves them. */
export function DeploySheet() {
  const open = useDeployStore((s) => s.open);
  const closeSheet = useDeployStore((s) => s.closeSheet);

  return (
    <SideSheet open={open} onClose={closeSheet} title="Deploy" titleId="deploy-sheet-title">
      <div className="deploy-body">
        <DeployStatusView />
        <PromoteSection />
        <PublicSiteSection />
        <DeployRunView />
        <ReleasesSection />
        <EdgeFunctionSection />
        <LinkDoctorSection />
        <HistorySection />
      </div>
    </SideSheet>
  );
}
