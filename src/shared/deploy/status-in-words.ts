import type { DeployStatus } from './deploy-api';

const list = (keys: readonly string[], most = 6) =>
  keys.length <= most
    ? keys.join(', ')
    : `${keys.slice(0, most).join(', ')} and ${keys.length - most} more`;

/**
 * The deploy status as a dispatcher reads it, most urgent first: the Deploy panel shows these
 * lines and `qdn deploy status` prints them beside its JSON. `when` writes a time (the panel's
 * is in the business's zone, labelled); by default it stays as recorded.
 */
export function statusInWords(
  status: DeployStatus,
  when: (iso: string) => string = (iso) => iso,
): string[] {
  const lines: string[] = [];
  const u = status.unfinished;
  if (u?.underWay) {
    lines.push(`A ${u.action} by ${u.by} is under way (started ${when(u.at)}).`);
  } else if (u) {
    lines.push(
      `A ${u.action} by ${u.by} (started ${when(u.at)}) stopped midway; the next deploy command finishes it.`,
    );
  }
  if (status.halfStaged) {
    lines.push(
      `Staging is half-uploaded: the stage of build ${status.halfStaged.buildId ?? '(no id)'} did not finish. Stage again before promoting.`,
    );
  }
  if (status.owed.length > 0) {
    lines.push(
      `The edge may still serve old copies of ${list(status.owed)}: they are owed an invalidation until one completes (Promote, or \`qdn deploy invalidate\`).`,
    );
  }
  if (status.pendingInvalidations.length > 0) {
    lines.push(
      `Invalidating now: ${status.pendingInvalidations.map((i) => `${i.id} on ${i.distributionId}`).join(', ')}.`,
    );
  }
  if (status.pruneLater.length > 0) {
    lines.push(
      `${list(status.pruneLater)} will be removed from prod once nothing is owed (a page the edge may still serve names them).`,
    );
  }
  const { changed, added } = status.pending;
  if (changed + added > 0) {
    lines.push(`Prod is behind staging: ${changed} changed, ${added} added.`);
  }
  for (const note of status.notes) lines.push(note);
  for (const problem of status.problems) lines.push(`${problem} It was skipped.`);
  if (status.prodCurrent)
    lines.unshift('Prod is current: it serves what staging holds, and the edge is fresh.');
  return lines;
}
