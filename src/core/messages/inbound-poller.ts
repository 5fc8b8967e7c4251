import type { Job } from '../../shared/job';
import { errorMessage } from '../../shared/errors';
import type { InboundRecorder } from './inbound-recorder';
import type { InboundChannel } from './messages-ports';

export interface InboundPollerOptions {
  recorder: Pick<InboundRecorder, 'pass'>;
  channel: InboundChannel;
  /**
   * Pause between passes: the sandbox's folder answers at once, so 1 s; SQS long polling waits
   * in the receive itself (`waitSeconds` 20), so no pause is needed there.
   */
  intervalMs: number;
  waitSeconds?: number;
  /** Texts changed on these jobs (the console's `textsChanged`). */
  onChanged: (jobs: Job[]) => void;
  /** A pass that failed; said once until a pass succeeds again (the shell's log, a toast). */
  warn: (message: string) => void;
}

export interface InboundPoller {
  /** Passes finished so far (tests, the bench). */
  readonly passes: number;
  /** Stops the loop, aborting a receive that waits; resolves once the loop has ended. */
  stop(): Promise<void>;
}

/** Longest pause after failures in a row (storage down, no network): backs off to this. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Receive passes on a loop while the console runs. A failing pass is told once, then retried
 * with a growing pause; whatever it did not record stays on the channel for the next one.
 */
export function startInboundPoller(options: InboundPollerOptions): InboundPoller {
  const controller = new AbortController();
  const { signal } = controller;
  let passes = 0;
  let failures = 0;
  let told: string | null = null;

  async function loop(): Promise<void> {
    while (!signal.aborted) {
      try {
        const result = await options.recorder.pass(options.channel, {
          signal,
          ...(options.waitSeconds !== undefined ? { waitSeconds: options.waitSeconds } : {}),
        });
        passes += 1;
        failures = 0;
        told = null;
        if (result.changed.length > 0) options.onChanged(result.changed);
        // A full receive may have left more behind: take it at once.
        if (result.received >= 10) continue;
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        const message = `Customers' texts could not be read: ${errorMessage(err)}`;
        if (message !== told) options.warn(message);
        told = message;
      }
      const pause =
        failures === 0
          ? options.intervalMs
          : Math.min(MAX_BACKOFF_MS, Math.max(options.intervalMs, 1000) * 2 ** (failures - 1));
      await abortableSleep(pause, signal);
    }
  }

  const running = loop();
  return {
    get passes() {
      return passes;
    },
    async stop() {
      controller.abort();
      await running;
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
