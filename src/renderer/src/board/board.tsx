import { useBoardStore } from '../stores/board-store';
import { useJobsFileStore } from '../stores/jobs-file-store';
import { useFindStore } from '../find/find-store';
import { ScheduleView } from '../schedule/schedule-view';
import { BoardColumns } from './board-columns';
import { BoardSkeleton } from './board-skeleton';
import { RestoreJobsFile } from './restore-jobs-file';
import { EmptyBoard } from './empty-board';

/** The jobs: a board by status or the Day view; or why they cannot be shown, and the way out. */
export function Board() {
  const loaded = useBoardStore((s) => s.loaded);
  const loadError = useBoardStore((s) => s.loadError);
  const loadErrorCode = useBoardStore((s) => s.loadErrorCode);
  const reload = useBoardStore((s) => s.load);
  const view = useFindStore((s) => s.view);
  const empty = useBoardStore((s) => s.jobs.length === 0);

  if (loadError) {
    return (
      <section className="board-problem" role="alert">
        <h2>The jobs could not be loaded</h2>
        <p>{loadError}</p>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
        {loadErrorCode === 'jobs_file_invalid' && <RestoreJobsFile />}
      </section>
    );
  }
  if (!loaded) return <BoardSkeleton />;
  return (
    <>
      {view === 'day' ? <ScheduleView /> : <BoardColumns />}
      {empty && view === 'board' && <EmptyBoard />}
      <BoardNotices />
    </>
  );
}

/** A stale board or a restore's warning: kept on screen, in a fixed place, never pushing the board. */
function BoardNotices() {
  const restoreWarning = useJobsFileStore((s) => s.warning);
  const refreshError = useBoardStore((s) => s.refreshError);
  const loadedAt = useBoardStore((s) => s.loadedAt);
  const reload = useBoardStore((s) => s.load);
  if (!restoreWarning && !refreshError) return null;
  return (
    <div className="board-notices">
      {restoreWarning && (
        <p className="notice notice-error" role="alert">
          {restoreWarning}
        </p>
      )}
      {refreshError && (
        <section className="notice board-stale" role="status">
          <p>
            Could not refresh the board; it shows the jobs as of{' '}
            {loadedAt?.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}.{' '}
            {refreshError}
          </p>
          <button type="button" className="secondary" onClick={() => void reload()}>
            Try again
          </button>
        </section>
      )}
    </div>
  );
}
