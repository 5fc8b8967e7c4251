import { useEffect } from 'react';
import { useJobsFileStore } from '../stores/jobs-file-store';

const SHOWN_VERSIONS = 5;

/** The way out of a broken jobs.json: its recent good versions, each one click from current. */
export function RestoreJobsFile() {
  const versions = useJobsFileStore((s) => s.versions);
  const error = useJobsFileStore((s) => s.error);
  const restoreError = useJobsFileStore((s) => s.restoreError);
  const restoring = useJobsFileStore((s) => s.restoring);
  const loadVersions = useJobsFileStore((s) => s.loadVersions);
  const restore = useJobsFileStore((s) => s.restore);

  useEffect(() => {
    void loadVersions();
  }, [loadVersions]);

  if (error) return <p className="error">{error}</p>;
  if (!versions) return <p aria-busy="true">Looking for earlier versions…</p>;
  const usable = versions.filter((v) => v.jobs !== null).slice(0, SHOWN_VERSIONS);
  if (usable.length === 0) return <p>No earlier version of jobs.json can be restored.</p>;

  function confirmRestore(versionId: string, label: string) {
    const question =
      `Make the version ${label} current again? ` +
      'Changes saved after it are not in it. The file it replaces is kept as a version.';
    if (window.confirm(question)) void restore(versionId);
  }

  return (
    <section aria-labelledby="restore-title">
      <h3 id="restore-title">Restore an earlier version</h3>
      <ul className="versions">
        {usable.map((v) => {
          const label = `saved ${new Date(v.savedAt).toLocaleString(undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          })} (${v.jobs} ${v.jobs === 1 ? 'job' : 'jobs'})`;
          return (
            <li key={v.versionId}>
              <span>{label[0]!.toUpperCase() + label.slice(1)}</span>{' '}
              <button
                type="button"
                aria-disabled={restoring !== null || undefined}
                onClick={() => restoring === null && confirmRestore(v.versionId, label)}
              >
                {restoring === v.versionId ? 'Restoring…' : 'Restore this version'}
              </button>
            </li>
          );
        })}
      </ul>
      {restoreError && <p className="error">{restoreError}</p>}
    </section>
  );
}
