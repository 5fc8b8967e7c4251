import { startSandboxEdge } from '../workspace/sandbox-edge';
import { ensureSandboxFirstRelease } from '../workspace/first-release';
import type { LocalEdge } from '../sandbox/local-edge';
import { openWorkspace } from '../workspace/open-workspace';
import type { Workspace } from '../workspace/open-workspace';
import { createCoreApi } from './core-api';
import { workspaceActor } from '../jobs/workspace-job-rules';
import { refreshStatusDocuments } from '../workspace/refresh-status-documents';
import type { CoreApi } from '../../shared/api';
import { EventHub } from '../events/event-hub';
import type { QdnEventSink } from '../events/event-hub';
import { startBookingRefresher } from '../inbox/booking-refresher';
import type { UploadSigner } from '../aws/presigned-post-check';
import { reopeningApi } from '../settings/reopening-api';
import { watchWorkspaceJobs } from '../jobs/jobs-watch';
import { startTextFlusher } from '../operations/text-flusher';
import { workspaceFlushDeps } from '../workspace/workspace-texts';
import { startWorkspaceInbound } from '../workspace/workspace-inbound';

export interface ConsoleSession {
  /** The workspace as opened now: a saved Settings (e.g. sandbox → AWS) reopens it. */
  readonly workspace: Workspace;
  /** One object for the session's life; each call goes to the workspace as opened now. */
  api: CoreApi;
  /** Core's events for the renderer (deploy progress, …); returns an unsubscribe function. */
  subscribe(listener: QdnEventSink): () => void;
  /** The local edge, when the workspace is a sandbox. */
  readonly edge: LocalEdge | null;
  /** Settles once the latest refresh of status documents is over (it never rejects). */
  readonly statusDocumentsRefreshed: Promise<void>;
  close(): Promise<void>;
}

export interface ConsoleSessionOptions {
  /** Where problems that must not stop the console go; the shell's log. */
  warn?: (message: string) => void;
  /** The booking uploader identity's keys on AWS (the shell keeps them); the sandbox makes its own. */
  uploader?: () => Promise<UploadSigner | null>;
  /** Told each time Settings reopened the workspace (the shell's allowed link origins follow). */
  onReopened?: (session: ConsoleSession) => void;
}

/**
 * What the console needs running, whichever shell hosts it: the workspace, its core calls,
 * and — on the sandbox — the local edge that customers' links point at. Saving Settings
 * reopens all of it on the new config.json, keeping the edge while the mode stays sandbox.
 */
export async function startConsoleSession(
  workspaceDir: string,
  options: ConsoleSessionOptions = {},
): Promise<ConsoleSession> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const events = new EventHub(warn);
  // Background work's problems go to the log and to the window (a toast), never the log alone.
  const background = (message: string) => {
    warn(message);
    events.emit('backgroundProblem', { message, code: null });
  };
  let opened = await openRunning(workspaceDir, null, options, background, events.emit);
  const session: ConsoleSession = {
    get workspace() {
      return opened.workspace;
    },
    api: reopeningApi(
      () => opened.api,
      async () => {
        const previous = opened;
        const keptEdge = previous.workspace.config.mode === 'sandbox' ? previous.edge : null;
        opened = await openRunning(workspaceDir, keptEdge, options, background, events.emit);
        await previous.stop({ keepEdge: opened.edge === previous.edge });
        options.onReopened?.(session);
      },
    ),
    subscribe: (listener) => events.subscribe(listener),
    get edge() {
      return opened.edge;
    },
    get statusDocumentsRefreshed() {
      return opened.statusDocumentsRefreshed;
    },
    close: () => opened.stop({ keepEdge: false }),
  };
  return session;
}

/** What runs for one opening of the workspace. */
interface Running {
  workspace: Workspace;
  api: CoreApi;
  edge: LocalEdge | null;
  statusDocumentsRefreshed: Promise<void>;
  stop(how: { keepEdge: boolean }): Promise<void>;
}

async function openRunning(
  workspaceDir: string,
  keptEdge: LocalEdge | null,
  options: ConsoleSessionOptions,
  warn: (message: string) => void,
  emit: QdnEventSink,
): Promise<Running> {
  const workspace = await openWorkspace(workspaceDir);
  let edge: LocalEdge | null = null;
  if (workspace.config.mode === 'sandbox') {
    await ensureSandboxFirstRelease(workspace);
    edge = keptEdge ?? (await startSandboxEdge(workspace));
  }
  // In the background: on AWS it is a round trip per job, and the board must not wait for it.
  // After a Settings save it also brings tracking pages in line with the new business details.
  const statusDocumentsRefreshed = refreshStatusDocuments(workspace, warn);
  // The booking page's upload policy, published now and refreshed daily while the console runs.
  const booking = startBookingRefresher(workspace, {
    edgeUrl: edge?.url ?? null,
    warn,
    ...(options.uploader ? { uploader: options.uploader } : {}),
  });
  // Others' changes to jobs.json (another laptop, `qdn`) reach the board as `jobsChanged`.
  const jobsWatch = watchWorkspaceJobs(
    workspace,
    (revision) => emit('jobsChanged', { revision }),
    warn,
  );
  // Texts owed and not sent (a console closed mid-send, quiet hours, another laptop's): sent now,
  // then on a timer and as quiet hours end.
  const texts = startTextFlusher(
    () =>
      workspaceFlushDeps(workspace, { by: workspaceActor(workspace.config, 'console').by ?? '' }),
    emit,
    warn,
  );
  // Customers' replies and delivery reports land on their jobs and reach the board as `textsChanged`.
  const inbound = await startWorkspaceInbound(
    workspace,
    (jobs) => emit('textsChanged', { jobs }),
    warn,
  );
  return {
    workspace,
    api: createCoreApi(workspace, emit, texts),
    edge,
    statusDocumentsRefreshed,
    stop: async ({ keepEdge }) => {
      await texts.stop();
      await inbound?.stop();
      jobsWatch.stop();
      booking.stop();
      await booking.ready;
      await statusDocumentsRefreshed;
      if (!keepEdge) await edge?.stop();
    },
  };
}
