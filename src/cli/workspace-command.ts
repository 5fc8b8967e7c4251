import type { Workspace } from '../core/workspace/open-workspace';

export type Print = (value: unknown) => void;

/** A command whose arguments were valid, ready to run on the workspace. */
/** Resolves to the exit code when it is not 0 (e.g. a deploy whose checks failed). */
export type WorkspaceCommand = (ws: Workspace) => Promise<void | number>;

/**
 * What a command's arguments are read with before its workspace opens: the business's time
 * zone, in which a typed `2026-12-08 15:00` or a report's days are meant.
 */
export interface CommandContext {
  timeZone: string;
}
