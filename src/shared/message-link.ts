/**
 * One end of a message channel between two processes: the console's main process and the
 * process its core runs in. Electron's utilityProcess (main) and `process.parentPort` (child)
 * implement it, and so do Node's `child_process.fork` and `process.send`, which stand in for
 * Electron where its runtime cannot run (tests, benches). Messages are structured clones on
 * both, so a value arrives as it would over the other.
 */
export interface MessageLink<Out> {
  postMessage(message: Out): void;
  /** Calls `listener` with each message that arrives, until the returned function is called. */
  onMessage(listener: (message: unknown) => void): () => void;
}
