import type { QdnEvents } from '../../shared/api';
import { errorMessage } from '../../shared/errors';

/** Receives every event core sends the renderer. */
export type QdnEventSink = <K extends keyof QdnEvents>(name: K, payload: QdnEvents[K]) => void;

/**
 * Fans core's events (deploy progress, …) out to whoever shows them: Electron's IPC sends them
 * to the window, the browser harness streams them to the page. A listener that throws must not
 * stop the deploy that emitted the event, so its error goes to `warn` instead.
 */
export class EventHub {
  private readonly listeners = new Set<QdnEventSink>();

  constructor(private readonly warn: (message: string) => void = console.warn) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: QdnEventSink): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  readonly emit: QdnEventSink = (name, payload) => {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (err) {
        this.warn(`An event listener failed on ${name}: ${errorMessage(err)}`);
      }
    }
  };
}
