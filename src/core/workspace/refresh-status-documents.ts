import type { Workspace } from './open-workspace';
import { errorMessage } from '../../shared/errors';

/**
 * Brings every public status document in line with jobs.json, e.g. after a crash between
 * saving a job and publishing it. Best effort by design: a jobs.json that does not parse, or a
 * bucket that cannot be reached, must not keep the console or the sandbox from starting —
 * the board reports the same problem when it loads, where the dispatcher can act on it.
 */
export async function refreshStatusDocuments(
  ws: Workspace,
  warn: (message: string) => void,
): Promise<void> {
  try {
    await ws.jobs.republishAll();
  } catch (err) {
    warn(`Tracking pages were not refreshed at start-up: ${errorMessage(err)}`);
    return; // the same cause (e.g. a jobs.json that does not parse) would stop the archive
  }
  // Long-finished jobs leave jobs.json, so it stays small however long the business runs.
  try {
    await ws.jobs.archive();
  } catch (err) {
    warn(`Finished jobs were not archived at start-up: ${errorMessage(err)}`);
  }
}
