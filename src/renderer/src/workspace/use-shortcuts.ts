import { useEffect } from 'react';
import { useDialogsStore } from '../dialogs/dialogs-store';
import { SEARCH_INPUT_ID } from '../find/find-bar';
import { useBoardStore } from '../stores/board-store';
import { useToastStore } from '../toasts/toast-store';
import { canMarkDone, judgeMove } from '../board/move-rules';

/** Where a key is the dispatcher typing, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type))
  );
}

/**
 * The console's keys: N new job, / search, ? the list, D marks the focused card's job (or the
 * open one) done, Esc closes the job panel.
 */
export function useShortcuts(): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      // An open dialog has the keyboard (its own Esc closes it).
      if (document.querySelector('dialog[open]')) return;
      if (isTyping(event.target)) return;
      const dialogs = useDialogsStore.getState();
      const board = useBoardStore.getState();
      switch (event.key) {
        case 'n':
        case 'N':
          if (event.shiftKey && event.key === 'n') return;
          event.preventDefault();
          dialogs.openNewJob();
          break;
        case '/':
          event.preventDefault();
          document.getElementById(SEARCH_INPUT_ID)?.focus();
          break;
        case '?':
          event.preventDefault();
          dialogs.openShortcuts();
          break;
        case 'd':
        case 'D':
          markDone(event);
          break;
        case 'Escape':
          if (dialogs.settingsOpen) return; // the settings dialog closes itself
          if (board.selectedJobId) {
            event.preventDefault();
            const selected = board.selectedJobId;
            board.select(null);
            board.focusCard(selected);
          }
          break;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * D: the office marks a job done in one move (with the move's Undo toast) — the job of the card
 * the keyboard is on, else the one open in the panel. One that cannot be is left as it is, and
 * the toast says why.
 */
function markDone(event: KeyboardEvent): void {
  const board = useBoardStore.getState();
  const focused = event.target instanceof HTMLElement ? event.target.dataset.jobId : undefined;
  const jobId = focused ?? board.selectedJobId;
  const job = board.jobs.find((j) => j.job_id === jobId);
  if (!job) return;
  event.preventDefault();
  if (canMarkDone(job)) {
    void board.moveJob(job.job_id, 'completed');
    return;
  }
  const verdict = judgeMove(job, 'completed');
  useToastStore
    .getState()
    .push(
      verdict.kind === 'refused'
        ? { text: `Not marked done. ${verdict.why}`, tone: 'error' }
        : { text: `${job.customer_name}'s job is done already.`, tone: 'info' },
    );
}
