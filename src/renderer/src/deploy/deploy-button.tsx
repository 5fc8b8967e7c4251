import { statusInWords } from '../../../shared/deploy/status-in-words';
import { useDeployStore } from './deploy-store';
import { DeploySheet } from './deploy-sheet';

/** The header's Deploy button, with a dot that says whether prod is current, and its sheet. */
export function DeployButton() {
  const openSheet = useDeployStore((s) => s.openSheet);
  const status = useDeployStore((s) => s.status);
  const prodCurrent = status?.prodCurrent;
  const statusError = useDeployStore((s) => s.errors.status);

  const dot = prodCurrent === undefined ? 'unknown' : prodCurrent ? 'current' : 'pending';
  const said = {
    current: 'prod is current',
    pending: status ? (statusInWords(status)[0] ?? 'prod is not current') : 'prod is not current',
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
