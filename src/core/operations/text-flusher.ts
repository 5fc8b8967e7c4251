import type { QdnEventSink } from '../events/event-hub';
import { errorMessage } from '../../shared/errors';
import { flushAll } from '../messages/text-flush';
import type { FlushDeps } from '../messages/text-flush';

/** How often a running console looks for owed texts (another laptop's, a failed send's). */
const FLUSH_EVERY_MS = 60_000;

export interface TextFlusher {
  /** Flushes now (after an inbox pass confirmed jobs), in turn with the timer's. */
  flushNow(jobIds?: readonly string[]): Promise<void>;
  /** Settles once the first flush (at start) is over; never rejects. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends what is owed at the console's start, then on a timer, and as quiet hours end (the
 * earliest end a held text waits for). What it changes reaches the window as `textsChanged`;
 * why a text could not go reaches the log and the window (`warn`), each reason once until it
 * clears. Flushes never overlap in one console; two consoles are kept apart by the claims.
 */
export function startTextFlusher(
  deps: () => Promise<FlushDeps>,
  emit: QdnEventSink,
  warn: (message: string) => void,
  everyMs = FLUSH_EVERY_MS,
): TextFlusher {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let told = new Set<string>();

  const once = async (jobIds?: readonly string[]) => {
    try {
      const outcome = await flushAll(await deps(), jobIds);
      if (outcome.changed.length > 0) emit('textsChanged', { jobs: outcome.changed });
      const now = new Set(outcome.problems);
      for (const problem of now) if (!told.has(problem)) warn(problem);
      told = now;
      schedule(outcome.heldUntil);
    } catch (err) {
      warn(`Texts were not sent: ${errorMessage(err)}`);
      schedule(null);
    }
  };
  const inTurn = (jobIds?: readonly string[]) => {
    const turn = running.then(() => (stopped ? undefined : once(jobIds)));
    running = turn.catch(() => undefined);
    return turn;
  };
  const schedule = (heldUntil: Date | null) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const untilHeld = heldUntil ? Math.max(0, heldUntil.getTime() - Date.now()) + 1_000 : Infinity;
    timer = setTimeout(() => void inTurn(), Math.min(everyMs, untilHeld));
    timer.unref();
  };

  const ready = inTurn();
  return {
    flushNow: (jobIds) => inTurn(jobIds),
    ready,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
