import type { DeployStatus } from '../../../shared/deploy/deploy-api';
import { statusInWords } from '../../../shared/deploy/status-in-words';
import { useSettings } from '../settings/use-settings';
import { useDeployStore } from './deploy-store';
import { formatWhen } from './format-when';
import { DeploySheet } from './deploy-sheet';

/** The header's Deploy button, with a dot that says whether prod is current, and its sheet. */
export function DeployButton() {
  const openSheet = useDeployStore((s) => s.openSheet);
  const status = useDeployStore((s) => s.status);
  const prodCurrent = status?.prodCurrent;
  const statusError = useDeployStore((s) => s.errors.status);
  const timeZone = useSettings().business.time_zone;

  const dot = prodCurrent === undefined ? 'unknown' : prodCurrent ? 'current' : 'pending';
  const said = {
    current: 'prod is current',
    pending: status ? whyNotCurrent(status) : 'prod is not current',
    unknown: statusError ? `status unknown: ${statusError}` : 'status not read yet',
  }[dot];
  // The label stays short for a screen reader; the tooltip says it in full.
  const title =
    dot === 'pending' && status
      ? (statusInWords(status, (iso) => formatWhen(iso, timeZone))[0]?.say ?? said)
      : said;

  return (
    <>
      <button
        type="button"
        className="secondary deploy-button"
        aria-label={`Deploy (${said})`}
        title={title}
        onClick={openSheet}
      >
        Deploy <span className={`dot dot-${dot}`} aria-hidden="true" />
      </button>
      <DeploySheet />
    </>
  );
}

/** The most urgent reason the dot is not green, in a few words. */
function whyNotCurrent(status: DeployStatus): string {
  if (status.unfinished) return `a ${status.unfinished.action} is unfinished`;
  if (status.halfStaged) return 'staging is half-uploaded';
  if (status.pending.changed + status.pending.added > 0) return 'prod is behind staging';
  if (status.owed.length > 0) return 'the edge may serve old pages';
  return 'prod is not current';
}
