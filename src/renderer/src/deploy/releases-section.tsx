import { useState } from 'react';
import { useSettings } from '../settings/use-settings';
import { formatWhen } from './format-when';
import { useDeployStore, selectChanging } from './deploy-store';
import { TaskError } from './task-error';

/** Every release prod has held, newest first, each non-current one with Rollback. */
export function ReleasesSection() {
  const releases = useDeployStore((s) => s.releases);
  const timeZone = useSettings().business.time_zone;
  const loading = useDeployStore((s) => Boolean(s.busy.releases));
  const rollingBack = useDeployStore((s) => Boolean(s.busy.rollback));
  const changing = useDeployStore(selectChanging);
  const rollback = useDeployStore((s) => s.rollback);
  // The release the dispatcher chose to roll back to, waiting for the one confirmation.
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <section className="deploy-section" aria-labelledby="releases-title">
      <h3 id="releases-title">Releases</h3>
      <TaskError task="releases" />
      <TaskError task="rollback" />
      {loading && !releases && <p className="muted">Reading releases…</p>}
      {releases?.length === 0 && (
        <p className="muted">No release yet: the first promote makes one.</p>
      )}
      <ul className="releases">
        {releases?.map((r) => (
          <li key={r.id} className={r.current ? 'current' : undefined}>
            <span>
              <code>{r.id}</code> · build <code>{r.buildId ?? '—'}</code> · {r.files} files ·{' '}
              <time dateTime={r.createdAt}>{formatWhen(r.createdAt, timeZone)}</time> by {r.by}
              {r.rolledBackTo && <> · rollback to {r.rolledBackTo}</>}
              {r.current && <strong> · current</strong>}
            </span>
            {!r.current &&
              (confirming === r.id ? (
                <span className="confirm">
                  <button
                    type="button"
                    disabled={changing}
                    onClick={() => {
                      setConfirming(null);
                      void rollback(r.id);
                    }}
                  >
                    Roll prod back to {r.id}
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="secondary"
                  disabled={changing}
                  onClick={() => setConfirming(r.id)}
                >
                  {rollingBack ? 'Rolling back…' : 'Rollback…'}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
