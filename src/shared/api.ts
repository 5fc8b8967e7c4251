import type { QdnErrorCode } from './errors';
import { DEPLOY_METHODS } from './deploy/deploy-api';
import type { DeployApi, DeployEvents } from './deploy/deploy-api';
import { INBOX_EVENTS, INBOX_METHODS } from './inbox/inbox-api';
import type { InboxApi, InboxEvents } from './inbox/inbox-api';
import { SETTINGS_EVENTS, SETTINGS_METHODS } from './settings/settings-api';
import type { SettingsApi, SettingsEvents } from './settings/settings-api';
import { JOBS_METHODS } from './jobs/jobs-api';
import { MESSAGES_EVENTS, MESSAGES_METHODS } from './messages/messages-api';
import type { MessagesApi, MessagesEvents } from './messages/messages-api';
import type { JobsApi, JobsEvents } from './jobs/jobs-api';

/**
 * Calls answered by core services (through main in Electron, through the harness in a
 * browser), each domain's part declared beside the domain.
 */
export type CoreApi = JobsApi & DeployApi & InboxApi & SettingsApi & MessagesApi;

/** Events core sends the renderer (main → renderer), each domain's part beside the domain. */
export type QdnEvents = JobsEvents & DeployEvents & InboxEvents & SettingsEvents & MessagesEvents;

/** Calls answered by the shell the renderer runs in (Electron main, or the browser itself). */
export interface ShellApi {
  copyText(text: string): Promise<void>;
}

/** The one contract between the renderer and the rest, as the renderer's code calls it. */
export type QdnApi = CoreApi & ShellApi;

/**
 * The contract as it crosses a boundary: every outcome as data. Electron's contextBridge
 * copies only an Error's message, so a thrown error would lose its code; a CallResult keeps it.
 */
export type Bridged<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<CallResult<R>>
    : never;
};

/** A listener for one event; its payload only, never the transport's own event object. */
export type QdnEventListener<K extends keyof QdnEvents> = (payload: QdnEvents[K]) => void;

/** How the renderer hears core's events, on every bridge alike. */
export interface QdnEventSource {
  /** Calls `listener` with each `name` event's payload until the returned function is called. */
  onEvent<K extends keyof QdnEvents>(name: K, listener: QdnEventListener<K>): () => void;
}

/** `window.qdn`: what the preload (or the browser harness) exposes. */
export type QdnBridge = Bridged<QdnApi> & QdnEventSource;

/** Method names, listed once per domain; the arg schemas in api-args.ts are checked against the same types. */
export const CORE_METHODS = [
  ...JOBS_METHODS,
  ...DEPLOY_METHODS,
  ...INBOX_METHODS,
  ...SETTINGS_METHODS,
  ...MESSAGES_METHODS,
] as const;
/** Event names, listed once, like the methods. */
export const EVENT_NAMES = [
  'jobsChanged',
  'deployProgress',
  ...INBOX_EVENTS,
  ...SETTINGS_EVENTS,
  ...MESSAGES_EVENTS,
] as const satisfies readonly (keyof QdnEvents)[];
export const SHELL_METHODS = ['copyText'] as const satisfies readonly (keyof ShellApi)[];

/** The IPC channel of a contract method. */
export const channelOf = (method: keyof QdnApi): string => `qdn:${method}`;
/** The IPC channel of a contract event (apart from the calls', so neither can answer the other). */
export const eventChannelOf = (name: keyof QdnEvents): string => `qdn-event:${name}`;
/** Whether a name from outside (the renderer, the wire) is a contract event. */
export const isEventName = (name: unknown): name is keyof QdnEvents =>
  (EVENT_NAMES as readonly unknown[]).includes(name);

/** How a call's outcome travels: errors as data, so their code survives IPC and HTTP. */
export type CallResult<T = unknown> =
  { ok: true; value: T } | { ok: false; error: { code: QdnErrorCode; message: string } };

// Compile-time guard: a method added to the contract but not to the lists above fails here.
type Unlisted = Exclude<
  keyof QdnApi,
  (typeof CORE_METHODS)[number] | (typeof SHELL_METHODS)[number]
>;
export const everyMethodListed: [Unlisted] extends [never] ? true : Unlisted = true;
type UnlistedEvent = Exclude<keyof QdnEvents, (typeof EVENT_NAMES)[number]>;
export const everyEventListed: [UnlistedEvent] extends [never] ? true : UnlistedEvent = true;
