import type { Job } from '../job';
import { normalizeTerm } from '../normalize-term';

/** A job id as the CLI and the board's menus give it: 16 lowercase hex characters. */
const JOB_ID = /^[0-9a-f]{16}$/;

/** What the link doctor's field holds: a pasted job id, or words to find a job by. */
export type DoctorQuery =
  | { kind: 'empty' }
  | { kind: 'id'; jobId: string; job: Job | null }
  | { kind: 'words'; matches: Job[]; more: number };

const digitsOf = (text: string) => text.replace(/\D/g, '');

/**
 * Reads the link doctor's field, or `qdn deploy doctor`'s words (issue 17: "Priya Nair" gave
 * "Invalid input"): a job id is taken
 * as it is; otherwise the jobs whose customer name holds the words (case and accents aside:
 * "jose" finds José) or whose phone holds the digits typed ("555 0142" finds (312) 555-0142).
 * Names that start with the words come first, then open jobs, then the newest pickups; `most`
 * are listed and the rest counted, so a common name still reads as a short list.
 */
export function readDoctorQuery(jobs: readonly Job[], typed: string, most = 8): DoctorQuery {
  const query = typed.trim();
  if (query === '') return { kind: 'empty' };
  const id = query.toLowerCase();
  if (JOB_ID.test(id))
    return { kind: 'id', jobId: id, job: jobs.find((j) => j.job_id === id) ?? null };
  const words = normalizeTerm(query).split(/\s+/);
  const digits = digitsOf(query);
  const byPhone = digits.length >= 3 && /^[\d\s().+-]+$/.test(query);
  const rank = (job: Job): number | null => {
    if (byPhone) return job.phone && digitsOf(job.phone).includes(digits) ? 1 : null;
    const name = normalizeTerm(job.customer_name);
    if (!words.every((w) => name.includes(w))) return null;
    return name.startsWith(words[0] ?? '') ? 0 : 1;
  };
  const found: { job: Job; rank: number }[] = [];
  for (const job of jobs) {
    const r = rank(job);
    if (r !== null) found.push({ job, rank: r });
  }
  const open = (j: Job) => (j.status === 'completed' || j.status === 'canceled' ? 1 : 0);
  found.sort(
    (a, b) =>
      a.rank - b.rank ||
      open(a.job) - open(b.job) ||
      Date.parse(b.job.pickup_date) - Date.parse(a.job.pickup_date),
  );
  return {
    kind: 'words',
    matches: found.slice(0, most).map((f) => f.job),
    more: Math.max(0, found.length - most),
  };
}
