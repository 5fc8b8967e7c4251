import type { DeployAction, DeployHistoryEntry } from '../../shared/deploy/deploy-api';
import type { DeployContext } from './deploy-context';
import { RunProgress } from './deploy-context';
import { DeployHistory } from './deploy-history';
import { errorMessage } from '../../shared/errors';

export type Outcome = Pick<DeployHistoryEntry, 'ok' | 'summary'> &
  Partial<Pick<DeployHistoryEntry, 'releaseId' | 'invalidations'>>;

export interface Run {
  progress: RunProgress;
  /** Writes the history line now (e.g. once invalidations exist), before the run ends. */
  checkpoint(outcome: Outcome, details: unknown): Promise<void>;
  /**
   * The run's last writes (the release record, the journal's closing write), already started:
   * the history line goes out beside them instead of after them, and is rewritten as failed if
   * one of them fails.
   */
  closeWith: (writes: Promise<unknown>) => void;
}

/**
 * Runs one deploy action with its progress and its line in the history — written whether it
 * succeeds or fails, since a failed deploy is exactly what the next person needs to read.
 */
export async function recordedRun<T>(
  ctx: DeployContext,
  action: DeployAction,
  work: (run: Run) => Promise<T>,
  describe: (result: T) => Outcome,
): Promise<T> {
  const progress = new RunProgress(ctx, action);
  const history = new DeployHistory(ctx.data);
  const at = ctx.now().toISOString();
  const write = (outcome: Outcome, details: unknown) =>
    history.record({
      id: progress.runId,
      action,
      at,
      by: ctx.by,
      releaseId: null,
      invalidations: [],
      ...outcome,
      details: details ?? null,
    });
  const closing: Promise<unknown>[] = [];
  const closeWith = (writes: Promise<unknown>) => {
    // Awaited below, once the history line is on its way; until then it must not go unhandled.
    writes.catch(() => {});
    closing.push(writes);
  };
  const failed = async (err: unknown): Promise<never> => {
    const message = errorMessage(err);
    progress.report('end', 'failed', message);
    // The action's own error is the one to report; a history that cannot be written says so.
    await write({ ok: false, summary: `${action} failed: ${message}` }, null).catch((e: unknown) =>
      progress.report('history', 'failed', `The history was not written: ${errorMessage(e)}`),
    );
    throw err;
  };
  let result: T;
  try {
    result = await work({ progress, checkpoint: write, closeWith });
  } catch (err) {
    // What the run finished before it failed is still written, so the next command starts there.
    await Promise.allSettled(closing);
    return failed(err);
  }
  const outcome = describe(result);
  const [closed, recorded] = await Promise.allSettled([
    Promise.all(closing),
    write(outcome, result),
  ]);
  // The line said done beside a last write that failed: it is rewritten after it, as failed.
  if (closed.status === 'rejected') return failed(closed.reason);
  if (recorded.status === 'rejected') throw recorded.reason;
  progress.report('end', outcome.ok ? 'done' : 'failed', outcome.summary);
  return result;
}
