import type { Workspace } from '../core/workspace/open-workspace';

export type Print = (value: unknown) => void;

/** A command whose arguments were valid, ready to run on the workspace. */
export type WorkspaceCommand = (ws: Workspace) => Promise<void>;
