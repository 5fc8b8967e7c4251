import { CORE_METHODS } from '../shared/api';
import type { CallResult, CoreApi, QdnEvents } from '../shared/api';
import { unwrapCall } from '../shared/call';
import { readFromCore } from '../shared/core-messages';
import type { FromCore, ToCore, UploaderKeys } from '../shared/core-messages';
import { errorMessage } from '../shared/errors';
import type { MessageLink } from '../shared/message-link';
import type { SubscribeEvents } from './ipc';

/**
 * The core's process as main sees it: a message link plus its life. Electron's utilityProcess
 * (src/main/utility-core-child.ts) and Node's fork (src/main/forked-core-child.ts) give one.
 */
export interface CoreChild extends MessageLink<ToCore> {
  /** Called once, when the process has ended, with how it ended in words ("exit code 1"). */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

export interface CoreProcessOptions {
  workspaceDir: string;
  /** Starts a new core process (again after a crash, once). */
  spawn: () => CoreChild;
  /** Answers the core's requests for the uploader keys (main unseals them). */
  uploader: () => Promise<UploaderKeys | null>;
  /** Main's log: the core's warnings, and what happened to the core's process. */
  warn: (message: string) => void;
  /** Told the public site's and the local edge's URLs at start and after each reopen. */
  onLinks: (urls: readonly (string | null)[]) => void;
  /** How many times a core that stopped unexpectedly is started again (default 1). */
  restarts?: number;
  /** How long close waits for the session to close before it stops the process (ms). */
  closeTimeoutMs?: number;
}

/** The console session, run in another process, behind the same contract. */
export interface CoreProcess {
  /** One contract call; always answers, in a CallResult, even if the process dies meanwhile. */
  call(method: string, args: unknown[]): Promise<CallResult>;
  /** The contract as an object (for registerIpc): each method is `call`, unwrapped. */
  api: CoreApi;
  /** Core's events, as the in-process session's `subscribe` gives them. */
  subscribe: SubscribeEvents;
  /** Closes the session in the core's process, then ends the process. */
  close(): Promise<void>;
}

type Listener = Parameters<SubscribeEvents>[0];

/** One core process, from spawn to exit. */
interface Generation {
  child: CoreChild;
  exited: boolean;
  /** Settles when the session has started (true), or could not (the message says why). */
  ready: Promise<true | string>;
  /** Calls sent and not yet answered. */
  pending: Map<number, (result: CallResult) => void>;
  /** Set once its session has started: a stop after that is a crash to recover from. */
  started: boolean;
  /** Set once `close` was asked: an exit then is expected. */
  closing: boolean;
  closed: Promise<string | null>;
}

const CLOSE_TIMEOUT_MS = 10_000;
const KILL_GRACE_MS = 2_000;

/** `work`'s value if it settles within `ms`; the timer never outlives it. */
async function within<T>(
  work: Promise<T>,
  ms: number,
): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

const failed = (message: string): CallResult => ({
  ok: false,
  error: { code: 'internal', message },
});

/**
 * Starts the console session in its own process, so the core's long synchronous stretches
 * (a 50k-job parse, an ingest of 1,000 submissions) stall that process's event loop, not
 * main's, which serves the window (docs/architecture.md, "Does the window wait on the core?").
 * Resolves once the session has started; rejects, in words, if it could not.
 *
 * If the process stops unexpectedly, every call in flight answers `internal` in plain words
 * (never hangs), main's log and the window are told, and a new process starts once; calls made
 * meanwhile wait for it. A second unexpected stop leaves the core down: calls then answer at
 * once that the console must be restarted.
 */
export async function startCoreProcess(options: CoreProcessOptions): Promise<CoreProcess> {
  const listeners = new Set<Listener>();
  let restartsLeft = options.restarts ?? 1;
  let nextId = 0;
  let closingAll = false;
  let down: string | null = null;

  const emit: Listener = (name, payload) => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (err) {
        options.warn(`An event listener failed on ${name}: ${errorMessage(err)}`);
      }
    }
  };

  const launch = (): Generation => {
    const child = options.spawn();
    let settleReady!: (outcome: true | string) => void;
    let settleClosed!: (error: string | null) => void;
    const generation: Generation = {
      child,
      exited: false,
      ready: new Promise((resolve) => (settleReady = resolve)),
      pending: new Map(),
      started: false,
      closing: false,
      closed: new Promise((resolve) => (settleClosed = resolve)),
    };
    const answerKeys = (id: number) => {
      options.uploader().then(
        (keys) => send(generation, { type: 'uploaderKeys', id, result: { ok: true, value: keys } }),
        (err: unknown) =>
          send(generation, {
            type: 'uploaderKeys',
            id,
            result: failed(errorMessage(err)) as CallResult<UploaderKeys | null>,
          }),
      );
    };
    const receive = (message: FromCore) => {
      switch (message.type) {
        case 'started':
          generation.started = true;
          settleReady(true);
          return;
        case 'startFailed':
          settleReady(message.message);
          return;
        case 'links':
          options.onLinks([message.publicBaseUrl, message.edgeUrl]);
          return;
        case 'result': {
          const resolve = generation.pending.get(message.id);
          generation.pending.delete(message.id);
          resolve?.(message.result);
          return;
        }
        case 'event':
          emit(message.name as keyof QdnEvents, message.payload as QdnEvents[keyof QdnEvents]);
          return;
        case 'warn':
          options.warn(message.message);
          return;
        case 'uploaderKeys':
          answerKeys(message.id);
          return;
        case 'closed':
          settleClosed(message.error);
          return;
      }
    };
    child.onMessage((raw) => {
      const message = readFromCore(raw);
      if (message) receive(message);
      else options.warn("Main ignored a message from the core's process that it cannot read.");
    });
    child.onExit((how) => {
      generation.exited = true;
      const expected = generation.closing || closingAll;
      settleReady(`The console's core stopped while starting (${how}).`);
      settleClosed(expected ? null : `The console's core had stopped (${how}).`);
      const inFlight = [...generation.pending.values()];
      generation.pending.clear();
      const message = expected
        ? 'The console closed before this call finished; it may or may not have been done.'
        : `The console's core stopped unexpectedly (${how}) while this call ran; it may or may not have been done. Look at the board again before you repeat it.`;
      for (const resolve of inFlight) resolve(failed(message));
      // A stop while starting is the start's failure, said by whoever awaits `ready`.
      if (!expected && generation.started) void stoppedUnexpectedly(generation, how);
    });
    send(generation, { type: 'start', workspaceDir: options.workspaceDir });
    return generation;
  };

  const send = (generation: Generation, message: ToCore) => {
    if (generation.exited) return;
    try {
      generation.child.postMessage(message);
    } catch (err) {
      options.warn(`A message to the console's core was not sent: ${errorMessage(err)}`);
    }
  };

  let current = launch();
  const first = await current.ready;
  if (first !== true) {
    await stop(current);
    throw new Error(first);
  }

  async function stoppedUnexpectedly(generation: Generation, how: string): Promise<void> {
    if (generation !== current || closingAll) return;
    if (restartsLeft <= 0) {
      down = `The console's core stopped again (${how}) and is not restarted: quit and open the console again.`;
      options.warn(down);
      emit('backgroundProblem', { message: down, code: 'internal' });
      return;
    }
    restartsLeft -= 1;
    const problem = `The console's core stopped unexpectedly (${how}); starting it again.`;
    options.warn(problem);
    emit('backgroundProblem', { message: problem, code: 'internal' });
    current = launch();
    const outcome = await current.ready;
    if (outcome !== true && !closingAll) {
      down = `The console's core could not start again: ${outcome} Quit and open the console again.`;
      options.warn(down);
      emit('backgroundProblem', { message: down, code: 'internal' });
      await stop(current);
    }
  }

  /** Ends a generation's process: asks it to close, waits a while, then kills it. */
  async function stop(generation: Generation): Promise<string | null> {
    generation.closing = true;
    const exited = new Promise<void>((resolve) => generation.child.onExit(() => resolve()));
    let error: string | null = null;
    if (!generation.exited) {
      send(generation, { type: 'close' });
      const timeoutMs = options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS;
      const closed = await within(generation.closed, timeoutMs);
      error = closed.done
        ? closed.value
        : `The console's core did not close within ${timeoutMs / 1000} s; it was stopped.`;
    }
    if (!generation.exited) {
      generation.child.kill();
      await within(exited, KILL_GRACE_MS);
    }
    return error;
  }

  const call = async (method: string, args: unknown[]): Promise<CallResult> => {
    if (closingAll) return failed('The console is closing.');
    if (down) return failed(down);
    const generation = current;
    const outcome = await generation.ready;
    if (outcome !== true) return failed(down ?? outcome);
    // A restart may have begun while this call waited: go to the process that runs now.
    if (generation !== current) return call(method, args);
    if (generation.exited) return failed(down ?? "The console's core has stopped.");
    const id = nextId++;
    return new Promise<CallResult>((resolve) => {
      generation.pending.set(id, resolve);
      send(generation, { type: 'call', id, method, args });
    });
  };

  const api = Object.fromEntries(
    CORE_METHODS.map((method) => [
      method,
      async (...args: unknown[]) => unwrapCall(await call(method, args)),
    ]),
  ) as unknown as CoreApi;

  return {
    call,
    api,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closingAll) return;
      closingAll = true;
      const error = await stop(current);
      if (error) throw new Error(error);
    },
  };
}
