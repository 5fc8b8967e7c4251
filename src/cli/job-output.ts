import type { JobSaved } from '../shared/jobs/jobs-api';
import type { Job } from '../shared/job';
import { buildTrackingUrl } from '../shared/tracking-link';
import type { Workspace } from '../core/workspace/open-workspace';
import type { Print } from './workspace-command';

/** Where links point; says so on stderr when nothing answers there yet. */
export async function linkBase(ws: Workspace): Promise<string> {
  const { url: base, running } = await ws.publicSite();
  if (!running) {
    process.stderr.write(
      `qdn: no local edge is running for this workspace; links to ${base} work once \`qdn sandbox\` or the console runs.\n`,
    );
  }
  return base;
}

/**
 * A saved change always prints its job (a script must not retry and create it twice); one
 * whose tracking page lagged says so on stderr and in `tracking_page_updated`.
 */
export function printSaved({ job, warning }: JobSaved, base: string, print: Print): void {
  print({ ...withLink(job, base), tracking_page_updated: warning === null });
  if (warning) process.stderr.write(`qdn: ${warning}\n`);
}

export function withLink(job: Job, publicBaseUrl: string): Job & { tracking_url: string } {
  return { ...job, tracking_url: buildTrackingUrl(publicBaseUrl, job.tracking_token) };
}
