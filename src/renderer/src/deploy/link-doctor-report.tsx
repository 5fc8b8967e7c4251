import type { LinkDoctorReport, LinkFix, LinkLayer } from '../../../shared/deploy/deploy-api';

/** The layers as an engineer names them: shown only behind "Details". */
const LAYER_NAMES: Record<LinkLayer, string> = {
  token: 'Tracking token',
  status_document: 'Status document on prod',
  edge_rewrite: 'Edge rewrite',
  page: 'Track page of the release',
  token_reading: 'Page reads the token',
};

const FIX_NAMES: Record<LinkFix, string> = {
  republish_document: 'Republish the status document',
  invalidate: 'Invalidate the CDN',
  promote: 'Promote staging to prod',
  publish_function: 'Publish the edge function',
};

/** The report's first line: what is wrong in a dispatcher's words, or that the link works. */
export function doctorHeadline(report: LinkDoctorReport, customerName: string | null): string {
  const fault = report.layers.find((l) => l.layer === report.fault);
  if (fault) return fault.summary;
  const first = customerName?.trim().split(/\s+/)[0];
  return `${first ? `${first}’s` : 'The'} link works end to end: the text opens the right page.`;
}

/**
 * A link doctor's verdict as a dispatcher acts on it (issue 17 §9): the fault in plain words
 * with one Fix button, each layer in plain words, and the engineering words (which file, which
 * function, the fix's name) folded behind "Details".
 */
export function LinkDoctorReportView({
  report,
  customerName,
  busy,
  fixing,
  onFix,
}: {
  report: LinkDoctorReport;
  customerName: string | null;
  /** Another deploy action runs: no fix now. */
  busy: boolean;
  fixing: boolean;
  onFix: (fix: LinkFix) => void;
}) {
  const fix = report.layers.find((l) => l.layer === report.fault)?.fix ?? null;
  return (
    <div className="doctor-report">
      <p className={report.fault ? 'error' : 'state-ok'}>
        {doctorHeadline(report, customerName)}
        {fix && (
          <>
            {' '}
            <button type="button" disabled={busy} title={FIX_NAMES[fix]} onClick={() => onFix(fix)}>
              {fixing ? 'Fixing…' : 'Fix'}
            </button>
          </>
        )}
      </p>
      <ol className="layers">
        {report.layers.map((layer) => (
          <li
            key={layer.layer}
            className={`layer ${layer.ok ? 'check-ok' : 'check-failed'}${report.fault === layer.layer ? ' at-fault' : ''}`}
            aria-current={report.fault === layer.layer ? 'step' : undefined}
          >
            <span aria-hidden="true">{layer.ok ? '✓' : '✗'}</span> {layer.summary}
          </li>
        ))}
      </ol>
      <details className="doctor-details">
        <summary>Details</summary>
        {report.trackingUrl && (
          <p>
            The link: <code className="url">{report.trackingUrl}</code>
          </p>
        )}
        <ul className="plain">
          {report.layers.map((layer) => (
            <li key={layer.layer}>
              <strong>{LAYER_NAMES[layer.layer]}</strong> {layer.ok ? 'ok' : 'at fault'} ·{' '}
              {layer.detail}
              {!layer.ok && layer.fix && <> (the fix: {FIX_NAMES[layer.fix]})</>}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
