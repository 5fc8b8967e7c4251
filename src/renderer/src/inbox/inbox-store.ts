import { create } from 'zustand';
import { qdn } from '../qdn';
import type { IngestResult, QuoteInput } from '../../../shared/inbox/inbox-api';
import { useBoardStore } from '../stores/board-store';
import { errorMessage } from '../../../shared/errors';

interface InboxState {
  /** Requests that arrived since the dispatcher last looked (the Requested column's badge). */
  newRequests: number;
  /** The latest arrival, said once (the toast). */
  toast: string | null;
  /** Why the latest pass failed, if it did. */
  error: string | null;
  ingest: () => Promise<void>;
  /** Hears passes run elsewhere (the CLI's arrive through the board's own refresh). */
  listen: () => () => void;
  seen: () => void;
  dismissToast: () => void;
  quote: (jobId: string, quote: QuoteInput) => Promise<string | null>;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** What a pass brought in, as the toast says it. */
export function describeIngest(result: IngestResult): string | null {
  const parts: string[] = [];
  if (result.created.length) parts.push(`${plural(result.created.length, 'new request')}`);
  if (result.confirmed.length) parts.push(`${plural(result.confirmed.length, 'quote')} confirmed`);
  if (result.call_requested.length) {
    parts.push(`${plural(result.call_requested.length, 'customer')} asked for a call`);
  }
  if (result.rejected.length)
    parts.push(`${plural(result.rejected.length, 'submission')} rejected`);
  return parts.length ? `Booking inbox: ${parts.join(', ')}.` : null;
}

/** The booking inbox: its actions are the only callers of qdn for it. */
export const useInboxStore = create<InboxState>()((set) => {
  const arrived = (result: IngestResult) => {
    const toast = describeIngest(result);
    if (!toast) return;
    set((s) => ({ newRequests: s.newRequests + result.created.length, toast }));
    void useBoardStore.getState().load();
  };
  return {
    newRequests: 0,
    toast: null,
    error: null,
    async ingest() {
      try {
        await qdn.ingestInbox();
        set({ error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    // Every pass that brings something in (this console's or another's) emits the event.
    listen: () => qdn.onEvent('inboxIngested', arrived),
    seen: () => set({ newRequests: 0 }),
    dismissToast: () => set({ toast: null }),
    async quote(jobId, quote) {
      try {
        const saved = await qdn.quoteJob(jobId, quote);
        void useBoardStore.getState().load();
        return saved.warning;
      } catch (err) {
        return errorMessage(err);
      }
    },
  };
});
