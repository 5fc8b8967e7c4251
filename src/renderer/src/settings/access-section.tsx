import { useSettingsStore } from './settings-store';

/**
 * Check access: each call the product needs, tried against its resource, with what works,
 * what does not, and the IAM action to grant.
 */
export function AccessSection({ unsaved }: { unsaved: boolean }) {
  const report = useSettingsStore((s) => s.access);
  const running = useSettingsStore((s) => Boolean(s.busy.access));
  const error = useSettingsStore((s) => s.errors.access);
  const check = useSettingsStore((s) => s.checkAccess);
  const failed = report?.checks.filter((c) => !c.ok).length ?? 0;
  return (
    <section className="settings-section" aria-labelledby="settings-access">
      <h3 id="settings-access">Access</h3>
      <div className="button-row">
        <button type="button" className="secondary" disabled={running} onClick={() => void check()}>
          {running ? 'Checking…' : 'Check access'}
        </button>
        {unsaved && <span className="hint">Checks the saved settings: save first.</span>}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className={failed ? 'error' : 'state-ok'} role="status">
            {failed
              ? `${failed} of ${report.checks.length} checks failed.`
              : `All ${report.checks.length} checks passed (${report.mode === 'aws' ? 'AWS' : 'sandbox'}).`}
          </p>
          <ul className="access-checks">
            {report.checks.map((check, i) => (
              <li key={i} className={check.ok ? 'check-ok' : 'check-failed'}>
                <span className="mark" aria-label={check.ok ? 'works' : 'fails'}>
                  {check.ok ? '✓' : '✗'}
                </span>
                <span>
                  <strong>{check.purpose}</strong> <code>{check.action}</code> on{' '}
                  <code>{check.resource}</code>
                  <span className="detail">{check.detail}</span>
                  {check.grant && (
                    <span className="grant">
                      Grant <code>{check.grant}</code>
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
