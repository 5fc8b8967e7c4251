import { useEffect } from 'react';
import { Board } from './board/board';
import { BoardRangeToggle } from './board/board-range-toggle';
import { useDialogsStore } from './dialogs/dialogs-store';
import { MoveDialog } from './board/move-dialog';
import { NewJobDialog } from './board/new-job-form';
import { ShortcutsDialog } from './board/shortcuts-dialog';
import { DeployButton } from './deploy/deploy-button';
import { useDeployStore } from './deploy/deploy-store';
import { FindBar, ViewSwitch } from './find/find-bar';
import { useFindStore } from './find/find-store';
import { useInboxStore } from './inbox/inbox-store';
import { InboxToast } from './inbox/inbox-toast';
import { JobDetailPanel } from './job-detail/job-detail-panel';
import { SettingsDialog } from './settings/settings-dialog';
import { useSettingsStore } from './settings/settings-store';
import { useBoardStore } from './stores/board-store';
import { useWorkspaceStore } from './stores/workspace-store';
import { qdn } from './qdn';
import { ReportsButton } from './reports/reports-button';
import { OutboxButton } from './outbox/outbox-button';
import { useTextsStore } from './stores/texts-store';
import { Toasts } from './toasts/toasts';
import { useShortcuts } from './workspace/use-shortcuts';
import { WorkspaceBadge } from './workspace/workspace-badge';

/** Booking requests reach the board within this while the console is open. */
const INBOX_INGEST_MS = 10_000;

export function App() {
  const loadWorkspace = useWorkspaceStore((s) => s.load);
  const loadJobs = useBoardStore((s) => s.load);
  const loadSettings = useSettingsStore((s) => s.load);
  const loadDeployStatus = useDeployStore((s) => s.loadStatus);
  const listenToDeploys = useDeployStore((s) => s.listen);

  useEffect(() => {
    void loadWorkspace();
    void loadJobs();
    void loadSettings();
    // The Deploy button's dot says whether prod is current from the start.
    void loadDeployStatus();
    // A search that included archived jobs before a reload includes them again.
    const find = useFindStore.getState();
    if (find.includeArchived) void find.setIncludeArchived(true);
  }, [loadWorkspace, loadJobs, loadSettings, loadDeployStatus]);

  // Deploy progress arrives as events, whether or not the sheet is open.
  useEffect(() => listenToDeploys(), [listenToDeploys]);

  // jobs.json changed elsewhere (the CLI, a second dispatcher): core says so; and on coming back
  // to the window, a fresh read (on AWS the change is noticed by polling, which focus hurries).
  useEffect(() => {
    const stop = qdn.onEvent('jobsChanged', () => void loadJobs());
    const onFocus = () => void loadJobs();
    window.addEventListener('focus', onFocus);
    return () => {
      stop();
      window.removeEventListener('focus', onFocus);
    };
  }, [loadJobs]);

  // Texts: core's events, and the toasts a failed text or a reply deserves.
  useEffect(() => useTextsStore.getState().listen(), []);

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

  useShortcuts();

  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <div className="board-area">
          <Board />
        </div>
        <JobDetailPanel />
      </main>
      <InboxToast />
      <Toasts />
      <NewJobDialog />
      <MoveDialog />
      <ShortcutsDialog />
      <SettingsDialog />
    </div>
  );
}

function Header() {
  const openNewJob = useDialogsStore((s) => s.openNewJob);
  const openShortcuts = useDialogsStore((s) => s.openShortcuts);
  const openSettings = useDialogsStore((s) => s.openSettings);
  return (
    <header className="app-header">
      <div className="header-row">
        <h1>QuickDumpNow Dispatch</h1>
        <WorkspaceBadge />
        <div className="header-actions">
          <ViewSwitch />
          <button type="button" aria-keyshortcuts="N" onClick={openNewJob}>
            New job <kbd>N</kbd>
          </button>
          <DeployButton />
          <ReportsButton />
          <OutboxButton />
          <button type="button" className="secondary" onClick={openSettings}>
            Settings
          </button>
          <button
            type="button"
            className="secondary icon-button"
            aria-label="Keyboard shortcuts"
            aria-keyshortcuts="?"
            onClick={openShortcuts}
          >
            ?
          </button>
        </div>
      </div>
      <div className="find-row">
        <FindBar />
        <BoardRangeToggle />
      </div>
    </header>
  );
}
