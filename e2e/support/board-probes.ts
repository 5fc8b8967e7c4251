// Timings taken inside the console's page (bench/board.ts injects this file, compiled, with
// page.addInitScript). Page code lives here, where the DOM's types are checked; the bench's
// own program is Node-only. Marks come from the renderer: `qdn:jobs-arrived` when the jobs
// reach the board's store, `qdn:board-rendered` when a board with them is laid out.

import type { QdnBridge } from '../../src/shared/api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first board drawn at or after `since`, in ms after it. */
async function boardDrawnAfter(since: number): Promise<number> {
  for (;;) {
    const drawn = performance
      .getEntriesByName('qdn:board-rendered')
      .find((m) => m.startTime >= since);
    if (drawn && document.querySelector('article.job-card')) return drawn.startTime - since;
    await sleep(5);
  }
}

const probes = {
  /** Data → interactive board: from the jobs' arrival to the first laid-out board with them. */
  async loadTime(): Promise<number> {
    for (;;) {
      const arrived = performance.getEntriesByName('qdn:jobs-arrived')[0];
      if (arrived) return boardDrawnAfter(arrived.startTime);
      await sleep(5);
    }
  },

  /** The floor: the same jobs as plain <li> rows (name, address, price), appended, laid out. */
  async plainRows(): Promise<number> {
    const call = await window.qdn.listJobs();
    if (!call.ok) throw new Error(call.error.message);
    const start = performance.now();
    const list = document.createElement('ul');
    for (const job of call.value) {
      const li = document.createElement('li');
      li.textContent = `${job.customer_name} · ${job.address} · ${job.price} ${job.currency}`;
      list.append(li);
    }
    document.body.append(list);
    void document.body.offsetHeight;
    const took = performance.now() - start;
    list.remove();
    return took;
  },

  /** Arms a keydown mark; `keystrokeTime` then says how long until the board was redrawn. */
  armKeystroke(): void {
    window.addEventListener('keydown', () => performance.mark('bench:keydown'), {
      once: true,
      capture: true,
    });
  },
  async keystrokeTime(): Promise<number> {
    for (;;) {
      const down = performance.getEntriesByName('bench:keydown').at(-1);
      if (down) {
        performance.clearMarks('bench:keydown');
        return boardDrawnAfter(down.startTime);
      }
      await sleep(5);
    }
  },

  /** From the next click to the job's card in `status`'s column (a MutationObserver's view). */
  armMove(jobId: string, status: string): void {
    moveTime = new Promise<number>((resolve) => {
      let clicked = 0;
      document.addEventListener('click', () => (clicked = performance.now()), {
        once: true,
        capture: true,
      });
      const target = `[data-status="${status}"] [data-job-id="${jobId}"]`;
      const seen = new MutationObserver(() => {
        if (clicked && document.querySelector(target)) {
          seen.disconnect();
          resolve(performance.now() - clicked);
        }
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
  },
  moveTime: (): Promise<number> => moveTime,
};
let moveTime: Promise<number> = Promise.resolve(Number.NaN);

declare global {
  interface Window {
    boardProbes: typeof probes;
    qdn: QdnBridge;
  }
}
window.boardProbes = probes;
