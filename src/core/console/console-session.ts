import { startSandboxEdge } from '../sandbox/sandbox-edge';
import { ensureSandboxFirstRelease } from '../deploy/first-release';
import type { LocalEdge } from '../sandbox/local-edge';
import { openWorkspace } from '../workspace/open-workspace';
import type { Workspace } from '../workspace/open-workspace';
import { createCoreApi } from './core-api';
import { refreshStatusDocuments } from '../workspace/refresh-status-documents';
import type { CoreApi } from '../../shared/api';
import { EventHub } from './event-hub';
import type { QdnEventSink } from './event-hub';
import { startBookingRefresher } from '../inbox/booking-refresher';
import type { UploadSigner } from '../inbox/presigned-post-check';

export interface ConsoleSession {
  workspace: Workspace;
  api: CoreApi;
  /** Core's events for the renderer (deploy progress, …); returns an unsubscribe function. */
  subscribe(listener: QdnEventSink): () => void;
  /** The local edge, when the workspace is a sandbox. */
  edge: LocalEdge | null;
  /** Settles once the start-up refresh of status documents is over (it never rejects). */
  statusDocumentsRefreshed: Promise<void>;
  close(): Promise<void>;
}

export interface ConsoleSessionOptions {
  /** Where problems that must not stop the console go; the shell's log. */
  warn?: (message: string) => void;
  /** The booking uploader identity's keys on AWS (the shell keeps them); the sandbox makes its own. */
  uploader?: () => Promise<UploadSigner | null>;
}

/**
 * What the console needs running, whichever shell hosts it: the workspace, its core calls,
 * and — on the sandbox — the local edge that customers' links point at.
 */
export async function startConsoleSession(
  workspaceDir: string,
  options: ConsoleSessionOptions = {},
): Promise<ConsoleSession> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const workspace = await openWorkspace(workspaceDir);
  let edge: LocalEdge | null = null;
  if (workspace.config.mode === 'sandbox') {
    await ensureSandboxFirstRelease(workspace);
    edge = await startSandboxEdge(workspace);
  }
  // In the background: on AWS it is a round trip per job, and the board must not wait for it.
  const statusDocumentsRefreshed = refreshStatusDocuments(workspace, warn);
  // The booking page's upload policy, published now and refreshed daily while the console runs.
  const booking = startBookingRefresher(workspace, {
    edgeUrl: edge?.url ?? null,
    warn,
    ...(options.uploader ? { uploader: options.uploader } : {}),
  });
  const events = new EventHub(warn);
  return {
    workspace,
    api: createCoreApi(workspace, events.emit),
    subscribe: (listener) => events.subscribe(listener),
    edge,
    statusDocumentsRefreshed,
    close: async () => {
      booking.stop();
      await booking.ready;
      await statusDocumentsRefreshed;
      await edge?.stop();
    },
  };
}
