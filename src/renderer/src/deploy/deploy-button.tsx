import { useDeployStore } from './deploy-store';
import { DeploySheet } from './deploy-sheet';

/** The header's Deploy button, with a dot that says whether prod is current, and its sheet. */
export function DeployButton() {
  const openSheet = useDeployStore((s) => s.openSheet);
  const prodCurrent = useDeployStore((s) => s.status?.prodCurrent);
  const statusError = useDeployStore((s) => s.errors.status);

  const dot = prodCurrent === undefined ? 'unknown' : prodCurrent ? 'current' : 'pending';
  const said = {
    current: 'prod is current',
    pending: 'prod is behind staging',
    unknown: statusError ? `status unknown: ${statusError}` : 'status not read yet',
  }[dot];

  return (
    <>
      <button
        type="button"
        className="secondary deploy-button"
        aria-label={`Deploy (${said})`}
        title={said}
        onClick={openSheet}
      >
        Deploy <span className={`dot dot-${dot}`} aria-hidden="true" />
      </button>
      <DeploySheet />
    </>
  );
}
