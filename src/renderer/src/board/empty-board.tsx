import { useState } from 'react';
import { errorMessage } from '../../../shared/errors';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { qdn } from '../qdn';
import { useBoardStore } from '../stores/board-store';
import { useWorkspaceStore } from '../stores/workspace-store';

/**
 * The first-run hint on a board with no jobs at all: create one, or (in the sandbox) load a
 * sample day to see the board at work. Over the empty columns, so nothing moves when the
 * first job arrives.
 */
export function EmptyBoard() {
  const openNewJob = useDialogsStore((s) => s.openNewJob);
  const sandbox = useWorkspaceStore((s) => s.info?.mode === 'sandbox');
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function loadSample() {
    setLoading(true);
    setProblem(null);
    try {
      const { warning } = await qdn.loadSampleDay();
      if (warning) setProblem(warning);
      await useBoardStore.getState().load();
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }

  return (
    <section className="empty-board" aria-labelledby="empty-board-title">
      <h2 id="empty-board-title">No jobs yet</h2>
      <p>
        Create a job, or {sandbox ? 'try the board on a sample day of jobs' : 'wait for a booking'}.
      </p>
      <div className="button-row">
        <button type="button" aria-keyshortcuts="N" onClick={openNewJob}>
          Create a job <kbd>N</kbd>
        </button>
        {sandbox && (
          <button
            type="button"
            className="secondary"
            aria-disabled={loading || undefined}
            onClick={() => {
              if (!loading) void loadSample();
            }}
          >
            {loading ? 'Loading the sample day…' : 'Load a sample day'}
          </button>
        )}
      </div>
      <p className="feedback" role="status">
        {problem}
      </p>
    </section>
  );
}
