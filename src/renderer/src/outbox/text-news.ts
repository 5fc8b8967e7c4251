import { greetingName } from '../../../shared/greeting-name';
import type { Job } from '../../../shared/job';
import { stopWordOf } from '../job-detail/text-lines';

/**
 * What about a job's texts deserves a toast (issue 18): a text that failed, and a customer's
 * reply not read yet. Each is told once: `told` holds the keys already told (text id and
 * state), and the first look at the board tells nothing, so a start never replays old news.
 */
export type TextNews =
  | { kind: 'failed'; jobId: string; textId: string; text: string }
  | { kind: 'reply'; jobId: string; textId: string; text: string };

const key = (textId: string, state: string) => `${textId}:${state}`;

/** Longest part of a reply a toast quotes. */
const QUOTE_MAX = 80;

function quoted(body: string | undefined): string {
  const text = (body ?? '').trim().replace(/\s+/g, ' ');
  return text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX - 1)}…` : text;
}

/**
 * The news in `jobs` not told yet, and every key now known (the next `told`). With `told`
 * null (nothing seen yet) nothing is news: it only learns what is already there.
 */
export function textNews(
  jobs: readonly Pick<Job, 'job_id' | 'customer_name' | 'texts'>[],
  told: ReadonlySet<string> | null,
): { news: TextNews[]; told: Set<string> } {
  const next = new Set(told ?? []);
  const news: TextNews[] = [];
  for (const job of jobs) {
    const name = greetingName(job.customer_name);
    for (const text of job.texts ?? []) {
      const k = key(text.id, text.state);
      if (text.state === 'failed') {
        if (!next.has(k) && told !== null) {
          const reason = text.reason?.trim() || 'no reason given';
          news.push({
            kind: 'failed',
            jobId: job.job_id,
            textId: text.id,
            text: `Text to ${name} failed: ${reason}`,
          });
        }
        next.add(k);
      } else if (text.state === 'received') {
        if (!next.has(k) && told !== null && !text.read_at) {
          news.push({
            kind: 'reply',
            jobId: job.job_id,
            textId: text.id,
            text: stopWordOf(text.body)
              ? `${name} texted ${stopWordOf(text.body)}: automatic texts are off until they text START`
              : `${name} replied: ${quoted(text.body)}`,
          });
        }
        next.add(k);
      }
    }
  }
  return { news, told: next };
}
