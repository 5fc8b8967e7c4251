import { create } from 'zustand';
import { qdn } from '../qdn';
import type { IngestResult, QuoteInput, ReviewItem } from '../../../shared/inbox/inbox-api';
import { useBoardStore } from '../stores/board-store';
import { errorMessage } from '../../../shared/errors';
import type { Job } from '../../../shared/job';
import type { NewRequestInput } from '../../../shared/jobs/jobs-api';

interface InboxState {
  /** Requests that arrived since the dispatcher last looked (the Requested column's badge). */
  newRequests: number;
  /** The latest arrival, said once (the toast). */
  toast: string | null;
  /** Why the latest pass failed, if it did. */
  error: string | null;
  /** Possible spam and rejected submissions, waiting for the dispatcher; null before the first look. */
  review: ReviewItem[] | null;
  reviewOpen: boolean;
  /** What the latest accept or dismiss did, or why it could not (said in the review dialog). */
  reviewMessage: string | null;
  /** Review items an accept or dismiss is under way for (their buttons wait). */
  busy: string[];
  ingest: () => Promise<void>;
  /** Hears passes run elsewhere (the CLI's arrive through the board's own refresh). */
  listen: () => () => void;
  seen: () => void;
  dismissToast: () => void;
  quote: (jobId: string, quote: QuoteInput) => Promise<string | null>;
  /** The New request dialog. */
  requestOpen: boolean;
  openRequest: () => void;
  closeRequest: () => void;
  /**
   * Saves a phoned-in lead; the saved job (and what did not follow, as for a quote), or why it
   * could not be saved.
   */
  createRequest: (
    input: NewRequestInput,
  ) => Promise<{ job: Job; warning: string | null } | { problem: string }>;
  loadReview: () => Promise<void>;
  openReview: () => void;
  closeReview: () => void;
  accept: (id: string) => Promise<void>;
  dismiss: (id: string) => Promise<void>;
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
  if (result.possible_spam.length) {
    parts.push(`${plural(result.possible_spam.length, 'possible spam request')} to review`);
  }
  if (result.rejected.length)
    parts.push(`${plural(result.rejected.length, 'submission')} rejected`);
  return parts.length ? `Booking inbox: ${parts.join(', ')}.` : null;
}

/** Whether a pass left something for the review list. */
export const needsReview = (result: IngestResult): boolean =>
  result.possible_spam.length + result.rejected.length > 0;

/** The booking inbox: its actions are the only callers of qdn for it. */
export const useInboxStore = create<InboxState>()((set, get) => {
  const arrived = (result: IngestResult) => {
    const toast = describeIngest(result);
    if (!toast) return;
    set((s) => ({ newRequests: s.newRequests + result.created.length, toast }));
    void useBoardStore.getState().load();
    if (needsReview(result)) void get().loadReview();
  };
  const settle = (id: string, message: string) =>
    set((s) => ({ busy: s.busy.filter((b) => b !== id), reviewMessage: message }));
  return {
    newRequests: 0,
    toast: null,
    error: null,
    review: null,
    reviewOpen: false,
    reviewMessage: null,
    busy: [],
    async ingest() {
      try {
        await qdn.ingestInbox();
        set({ error: null });
        // The first pass of a session also shows what earlier passes left for review.
        if (get().review === null) await get().loadReview();
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
    requestOpen: false,
    openRequest: () => set({ requestOpen: true }),
    closeRequest: () => set({ requestOpen: false }),
    async createRequest(input) {
      try {
        const saved = await qdn.createRequest(input);
        await useBoardStore.getState().load();
        return saved;
      } catch (err) {
        return { problem: errorMessage(err) };
      }
    },
    async loadReview() {
      try {
        set({ review: await qdn.listReview() });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    openReview() {
      set({ reviewOpen: true, reviewMessage: null });
      void get().loadReview();
    },
    closeReview: () => set({ reviewOpen: false }),
    async accept(id) {
      if (get().busy.includes(id)) return; // a double click accepts once
      set((s) => ({ busy: [...s.busy, id] }));
      try {
        const accepted = await qdn.acceptSubmission(id);
        set((s) => ({ review: (s.review ?? []).filter((r) => r.id !== id) }));
        settle(id, `${accepted.customer_name} is on the board, in Requested.`);
        void useBoardStore.getState().load();
      } catch (err) {
        settle(id, `Could not accept it: ${errorMessage(err)}`);
      }
      void get().loadReview();
    },
    async dismiss(id) {
      if (get().busy.includes(id)) return;
      set((s) => ({ busy: [...s.busy, id] }));
      try {
        await qdn.dismissSubmission(id);
        set((s) => ({ review: (s.review ?? []).filter((r) => r.id !== id) }));
        settle(id, 'Dismissed. It is kept in the inbox’s dismissed folder.');
      } catch (err) {
        settle(id, `Could not dismiss it: ${errorMessage(err)}`);
      }
      void get().loadReview();
    },
  };
});
