import { create } from 'zustand';
import { qdn } from '../qdn';
import { errorMessage } from '../../../shared/errors';
import { greetingName } from '../../../shared/greeting-name';
import type { Job } from '../../../shared/job';
import type { JobSaved } from '../../../shared/jobs/jobs-api';
import type { MessagesStatus, TextListing } from '../../../shared/messages/messages-api';
import { SMS_STATUSES } from '../../../shared/settings/settings';
import type { SmsStatus } from '../../../shared/settings/settings';
import { useToastStore } from '../toasts/toast-store';
import { textNews } from '../outbox/text-news';
import { useBoardStore } from './board-store';

/** What a manual send carries: typed words, or a status's template. */
export type SendInput = { body: string } | { status: SmsStatus };

interface TextsState {
  /** Who carries texts and this month's count; null until read. */
  status: MessagesStatus | null;
  /** Every job's texts as core lists them (the Outbox; a pending text's `held`). */
  listings: TextListing[];
  /** Why the texts could not be read, shown where they would be. */
  error: string | null;
  /** Jobs with a send in flight: their Send buttons wait. */
  sending: Record<string, boolean>;
  refresh: () => Promise<void>;
  /** Sends a text now; true when core took it. A refusal is a toast with Retry. */
  send: (jobId: string, input: SendInput) => Promise<boolean>;
  /** Sends a failed or held text's words again: its status's template, or its body. */
  resend: (jobId: string, textId: string) => Promise<boolean>;
  /** The panel showed the job's replies. */
  markRead: (jobId: string) => Promise<void>;
  /** Texts on or off for one job (its "don't text" switch). */
  setTextsOff: (job: Job, off: boolean) => Promise<boolean>;
  /** Listens to core's texts events and the board's jobs for toasts; returns the unsubscribe. */
  listen: () => () => void;
}

/** A text sent again: its status's template (core fills today's link), else its words. */
function resendInput(trigger: string, body: string | null): SendInput | null {
  if ((SMS_STATUSES as readonly string[]).includes(trigger))
    return { status: trigger as SmsStatus };
  return body ? { body } : null;
}

const boardJob = (jobId: string) => useBoardStore.getState().jobs.find((j) => j.job_id === jobId);

/** A saved job goes on the board at once (the panel reads the board's jobs). */
function showJobs(jobs: readonly Job[]) {
  const byId = new Map(jobs.map((j) => [j.job_id, j]));
  useBoardStore.setState((s) => ({ jobs: s.jobs.map((j) => byId.get(j.job_id) ?? j) }));
}

function toastSaved({ job, warning }: JobSaved) {
  showJobs([job]);
  if (warning)
    useToastStore.getState().push({ text: `${job.customer_name}: ${warning}`, tone: 'error' });
}

const openJob = (jobId: string) => useBoardStore.getState().select(jobId);

/** The texts the console shows: the only caller of qdn's texts calls. */
export const useTextsStore = create<TextsState>()((set, get) => {
  /** Mark-read asked once per job and unread set, so a refused one is not asked in a loop. */
  const markAsked = new Map<string, string>();

  return {
    status: null,
    listings: [],
    error: null,
    sending: {},
    async refresh() {
      try {
        const [status, listings] = await Promise.all([qdn.getMessagesStatus(), qdn.listTexts()]);
        set({ status, listings, error: null });
      } catch (err) {
        set({ error: errorMessage(err) });
      }
    },
    async send(jobId, input) {
      if (get().sending[jobId]) return false;
      set((s) => ({ sending: { ...s.sending, [jobId]: true } }));
      try {
        const saved = await qdn.sendText(jobId, input);
        // A text that failed is told by its own toast, with Retry (listen below): not twice.
        const failed = saved.job.texts?.at(-1)?.state === 'failed';
        toastSaved(failed ? { ...saved, warning: null } : saved);
        void get().refresh();
        return true;
      } catch (err) {
        const name = greetingName(boardJob(jobId)?.customer_name ?? 'the customer');
        useToastStore.getState().push({
          text: `Text to ${name} was not sent: ${errorMessage(err)}`,
          tone: 'error',
          actions: [
            { label: 'Open job', run: () => openJob(jobId) },
            { label: 'Retry', run: () => void get().send(jobId, input) },
          ],
        });
        return false;
      } finally {
        set((s) => {
          const { [jobId]: _done, ...rest } = s.sending;
          return { sending: rest };
        });
      }
    },
    async resend(jobId, textId) {
      const text =
        boardJob(jobId)?.texts?.find((t) => t.id === textId) ??
        get().listings.find((l) => l.id === textId);
      const input = text ? resendInput(text.trigger, text.body ?? null) : null;
      return input ? get().send(jobId, input) : false;
    },
    async markRead(jobId) {
      const unread = (boardJob(jobId)?.texts ?? [])
        .filter((t) => t.state === 'received' && !t.read_at)
        .map((t) => t.id)
        .join(',');
      if (!unread || markAsked.get(jobId) === unread) return;
      markAsked.set(jobId, unread);
      try {
        toastSaved(await qdn.markTextsRead(jobId));
      } catch (err) {
        // Not worth a toast (the reply stays marked new, which is true); said where texts are.
        set({ error: `Could not mark the replies read: ${errorMessage(err)}` });
      }
    },
    async setTextsOff(job, off) {
      try {
        toastSaved(
          await qdn.editJob(job.job_id, {
            changes: { no_texts: off },
            base: { no_texts: job.no_texts === true },
          }),
        );
        return true;
      } catch (err) {
        useToastStore.getState().push({
          text: `Texts for ${greetingName(job.customer_name)} were not changed: ${errorMessage(err)}`,
          tone: 'error',
        });
        await useBoardStore.getState().load();
        return false;
      }
    },
    listen() {
      let told: Set<string> | null = null;
      const look = (jobs: readonly Job[]) => {
        // Before the board is read there is nothing to compare with: the first look learns.
        if (!useBoardStore.getState().loaded) return;
        const seen = textNews(jobs, told);
        told = seen.told;
        for (const item of seen.news) {
          const push = useToastStore.getState().push;
          if (item.kind === 'failed') {
            push({
              text: item.text,
              tone: 'error',
              actions: [
                { label: 'Open job', run: () => openJob(item.jobId) },
                { label: 'Retry', run: () => void get().resend(item.jobId, item.textId) },
              ],
            });
          } else {
            push({
              text: item.text,
              tone: 'info',
              actions: [{ label: 'Open', run: () => openJob(item.jobId) }],
            });
          }
        }
      };
      look(useBoardStore.getState().jobs);
      const stopBoard = useBoardStore.subscribe((s, before) => {
        if (s.jobs !== before.jobs) look(s.jobs);
      });
      const stopEvents = qdn.onEvent('textsChanged', ({ jobs }) => {
        showJobs(jobs);
        void get().refresh();
      });
      void get().refresh();
      return () => {
        stopBoard();
        stopEvents();
      };
    },
  };
});
