import type { DeployStatus } from './deploy-api';

/** One line of the deploy status: what a dispatcher can act on, and the engineer's account. */
export interface StatusLine {
  say: string;
  /** The same in the pipeline's terms (keys, invalidations, staging and prod), for "Details". */
  detail: string | null;
}

const list = (keys: readonly string[], most = 6) =>
  keys.length <= most
    ? keys.join(', ')
    : `${keys.slice(0, most).join(', ')} and ${keys.length - most} more`;

/** The pages a dispatcher knows by name; anything else is one of the site's files. */
const PAGE_NAMES: Record<string, string> = {
  'track.html': 'the tracking page',
  'book.html': 'the booking page',
  'index.html': 'the home page',
  '404.html': 'the not-found page',
};

/** "the tracking page, the booking page and 3 other files". */
function pagesOf(keys: readonly string[]): string {
  const named = keys.flatMap((key) => PAGE_NAMES[key] ?? []);
  const others = keys.length - named.length;
  const rest =
    others === 0 ? [] : [`${others} ${named.length ? 'other ' : ''}file${others === 1 ? '' : 's'}`];
  const parts = [...named, ...rest];
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;

/**
 * The deploy status as a dispatcher reads it, most urgent first, each line saying what to do
 * (or that nothing needs doing) with the pipeline's words kept for "Details": the Deploy panel
 * shows these lines and `qdn deploy status` prints them beside its JSON. `when` writes a time
 * (the panel's is in the business's zone, labelled); by default it stays as recorded.
 */
export function statusInWords(
  status: DeployStatus,
  when: (iso: string) => string = (iso) => iso,
): StatusLine[] {
  const lines: StatusLine[] = [];
  const u = status.unfinished;
  if (u?.underWay) {
    lines.push({
      say: `The website is being updated by ${u.by} (started ${when(u.at)}). Wait for it to finish before deploying.`,
      detail: `A ${u.action} (run ${u.runId}) by ${u.by} is under way.`,
    });
  } else if (u) {
    lines.push({
      say: `An update of the website by ${u.by} (started ${when(u.at)}) stopped before it finished. Deploy again and it is finished first.`,
      detail: `A ${u.action} (run ${u.runId}) stopped midway; the next deploy command finishes it.`,
    });
  }
  if (status.halfStaged) {
    lines.push({
      say: 'The new version of the website was only partly prepared. Stage it again before promoting it.',
      detail: `The stage of build ${status.halfStaged.buildId ?? '(no id)'} did not finish: staging is half-uploaded.`,
    });
  }
  if (status.owed.length > 0) {
    lines.push({
      say: `Customers may still be shown the old version of ${pagesOf(status.owed)}. Refresh them: "Invalidate every page" (or \`qdn deploy invalidate\`).`,
      detail: `The edge may still serve old copies of ${list(status.owed)}: they are owed an invalidation until one completes.`,
    });
  }
  if (status.pendingInvalidations.length > 0) {
    lines.push({
      say: 'The website is being refreshed for customers; it usually takes a few minutes. Nothing to do.',
      detail: `Invalidations in progress: ${status.pendingInvalidations.map((i) => `${i.id} on ${i.distributionId}`).join(', ')}.`,
    });
  }
  if (status.pruneLater.length > 0) {
    lines.push({
      say: `${files(status.pruneLater.length)} the website no longer uses will be removed once customers can no longer be shown an old page. Nothing to do.`,
      detail: `${list(status.pruneLater)} will be deleted from prod once nothing is owed an invalidation (a page the edge may still serve names them).`,
    });
  }
  const { changed, added } = status.pending;
  if (changed + added > 0) {
    lines.push({
      say: `The website does not show the newest version yet (${files(changed + added)} to publish). Promote it to publish it.`,
      detail: `Prod is behind staging: ${changed} changed, ${added} added.`,
    });
  }
  for (const note of status.notes) lines.push({ say: note, detail: null });
  for (const problem of status.problems) {
    lines.push({
      say: 'A deploy record could not be read and was skipped. Nothing is lost; if this stays, tell whoever set up the website.',
      detail: problem,
    });
  }
  if (status.prodCurrent) {
    lines.unshift({
      say: 'The website is up to date: customers see the newest version.',
      detail: 'Prod serves what staging holds, and the edge is fresh.',
    });
  }
  return lines;
}
