import { useEffect } from 'react';
import { Board } from './board/board';
import { NewJobForm } from './board/new-job-form';
import { useBoardStore } from './stores/board-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { DeployButton } from './deploy/deploy-button';
import { useDeployStore } from './deploy/deploy-store';
import { WorkspaceBadge } from './workspace/workspace-badge';

const JOBS_REFRESH_MS = 15_000;

export function App() {
  const loadWorkspace = useWorkspaceStore((s) => s.load);
  const loadJobs = useBoardStore((s) => s.load);
  const loadDeployStatus = useDeployStore((s) => s.loadStatus);
  const listenToDeploys = useDeployStore((s) => s.listen);

  useEffect(() => {
    void loadWorkspace();
    void loadJobs();
    // The Deploy button's dot says whether prod is current from the start.
    void loadDeployStatus();
  }, [loadWorkspace, loadJobs, loadDeployStatus]);

  // Deploy progress arrives as events, whether or not the sheet is open.
  useEffect(() => listenToDeploys(), [listenToDeploys]);

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
        <DeployButton />
      </header>
      <main>
        <NewJobForm />
        <Board />
      </main>
    </div>
  );
}
