import { startSandboxEdge } from '../sandbox/sandbox-edge';
import type { LocalEdge } from '../sandbox/local-edge';
import { openWorkspace } from '../workspace/open-workspace';
import type { Workspace } from '../workspace/open-workspace';
import { createCoreApi } from './core-api';
import type { CoreApi } from '../../shared/api';

export interface ConsoleSession {
  workspace: Workspace;
  api: CoreApi;
  /** The local edge, when the workspace is a sandbox. */
  edge: LocalEdge | null;
  close(): Promise<void>;
}

/**
 * What the console needs running, whichever shell hosts it: the workspace, its core calls,
 * and — on the sandbox — the local edge that customers' links point at.
 */
export async function startConsoleSession(workspaceDir: string): Promise<ConsoleSession> {
  const workspace = await openWorkspace(workspaceDir);
  const edge = workspace.config.mode === 'sandbox' ? await startSandboxEdge(workspace) : null;
  return {
    workspace,
    api: createCoreApi(workspace),
    edge,
    close: async () => {
      await edge?.stop();
    },
  };
}
