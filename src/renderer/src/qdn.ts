import { CORE_METHODS, SHELL_METHODS } from '../../shared/api';
import type { QdnApi, QdnEventSource } from '../../shared/api';
import { unwrappedCalls } from '../../shared/bridge-builder';

/**
 * The app, as the renderer's code calls it: `window.qdn` with each outcome unwrapped, so a
 * failure is a thrown QdnError that still carries its code (see Bridged in shared/api.ts),
 * and `onEvent` for core's events (deploy progress, …), typed by event name.
 */
export const qdn: QdnApi & QdnEventSource = {
  ...unwrappedCalls([...CORE_METHODS, ...SHELL_METHODS], () => window.qdn),
  onEvent: (name, listener) => window.qdn.onEvent(name, listener),
};
