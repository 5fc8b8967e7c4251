import { useEffect } from 'react';
import { Board } from './board/board';
import { NewJobForm } from './board/new-job-form';
import { useBoardStore } from './stores/board-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { WorkspaceBadge } from './workspace/workspace-badge';

export function App() {
  const loadWorkspace = useWorkspaceStore((s) => s.load);
  const loadJobs = useBoardStore((s) => s.load);

  useEffect(() => {
    void loadWorkspace();
    void loadJobs();
  }, [loadWorkspace, loadJobs]);

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
