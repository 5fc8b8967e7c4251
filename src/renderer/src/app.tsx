import { useEffect } from 'react';
import { Board } from './board/board';
import { NewJobForm } from './board/new-job-form';
import { useBoardStore } from './stores/board-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { WorkspaceBadge } from './workspace/workspace-badge';

const JOBS_REFRESH_MS = 15_000;

export function App() {
  const loadWorkspace = useWorkspaceStore((s) => s.load);
  const loadJobs = useBoardStore((s) => s.load);

  useEffect(() => {
    void loadWorkspace();
    void loadJobs();
  }, [loadWorkspace, loadJobs]);

  // jobs.json may change elsewhere (the CLI, a second dispatcher): stay current while in view.
  useEffect(() => {
    const refreshIfVisible = () => {
      if (document.visibilityState === 'visible') void loadJobs();
    };
    const timer = setInterval(refreshIfVisible, JOBS_REFRESH_MS);
    document.addEventListener('visibilitychange', refreshIfVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refreshIfVisible);
    };
  }, [loadJobs]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>QuickDumpNow Dispatch</h1>
        <WorkspaceBadge />
      </header>
      <main>
        <NewJobForm />
        <Board />
      </main>
    </div>
  );
}
