import { useEffect } from 'react';
import { Board } from './board/board';
import { NewJobForm } from './board/new-job-form';
import { useBoardStore } from './stores/board-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { DeployButton } from './deploy/deploy-button';
import { useDeployStore } from './deploy/deploy-store';
import { WorkspaceBadge } from './workspace/workspace-badge';
import { useInboxStore } from './inbox/inbox-store';
import { InboxToast } from './inbox/inbox-toast';

const JOBS_REFRESH_MS = 15_000;
/** Booking requests reach the board within this while the console is open. */
const INBOX_INGEST_MS = 10_000;

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

  // The booking inbox: a pass on a timer and whenever the window regains focus.
  const ingest = useInboxStore((s) => s.ingest);
  const listenToInbox = useInboxStore((s) => s.listen);
  useEffect(() => listenToInbox(), [listenToInbox]);
  useEffect(() => {
    void ingest();
    const timer = setInterval(() => void ingest(), INBOX_INGEST_MS);
    const onFocus = () => void ingest();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [ingest]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>QuickDumpNow Dispatch</h1>
        <WorkspaceBadge />
        <DeployButton />
      </header>
      <InboxToast />
      <main>
        <NewJobForm />
        <Board />
      </main>
    </div>
  );
}
