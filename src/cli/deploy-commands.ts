import { parseArgs } from 'node:util';
import { QdnError } from '../shared/errors';
import { formatPickup, zoneCity } from '../shared/format';
import { readDoctorQuery } from '../shared/jobs/doctor-job-match';
import { STATUS_LABELS } from '../shared/status-flow';
import type { DeployProgress, LinkFix, PromotePlan } from '../shared/deploy/deploy-api';
import { invalidationPathSchema, RELEASE_ID_PATTERN } from '../shared/deploy/deploy-args';
import { statusInWords } from '../shared/deploy/status-in-words';
import { workspaceDeployContext } from '../core/workspace/workspace-deploy';
import { DeployService } from '../core/deploy/deploy-service';
import { linkDoctor } from '../core/operations/link-doctor';
import type { LinkDoctor } from '../core/operations/link-doctor';
import type { Workspace } from '../core/workspace/open-workspace';
import { UsageError } from './cli-error';
import { confirm } from './confirm';
import type { Print, WorkspaceCommand } from './workspace-command';

const USAGE =
  'usage: qdn deploy status|stage|plan|promote|invalidate|verify|releases|rollback|function|doctor|history (see qdn help)';

type DeployRun = (
  deploy: DeployService,
  print: Print,
  doctor: LinkDoctor,
  ws: Workspace,
) => Promise<number>;

/**
 * `qdn deploy …`: the Deploy panel from a terminal. Arguments are checked before the
 * workspace opens; a changing command shows its plan and asks (or needs --yes).
 */
export function parseDeployCommand(args: string[], print: Print): WorkspaceCommand {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      from: { type: 'string' },
      yes: { type: 'boolean', default: false },
      'no-invalidate': { type: 'boolean', default: false },
      'no-wait': { type: 'boolean', default: false },
      prune: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      fix: { type: 'boolean', default: false },
    },
  });
  // Own keys only: `qdn deploy valueOf` is a typo, not Object.prototype's method.
  const allowed = sub !== undefined && Object.hasOwn(ALLOWED, sub) ? ALLOWED[sub] : undefined;
  if (!allowed) throw new UsageError(USAGE);
  for (const [flag, value] of Object.entries(values)) {
    if (value !== undefined && value !== false && !allowed.flags.includes(flag)) {
      throw new UsageError(`qdn deploy ${sub} takes no --${flag}`);
    }
  }
  if (positionals.length > allowed.maxPositionals) {
    throw new UsageError(`qdn deploy ${sub}: unexpected "${positionals[allowed.maxPositionals]}"`);
  }
  const run = allowed.parse(positionals, values);
  const checksPublicUrl = CHECKS_PUBLIC_URL.has(sub ?? '');
  return async (ws: Workspace) => {
    const ctx = workspaceDeployContext(ws, {
      surface: 'cli',
      emit: showProgress,
      ...(values['no-wait'] ? { invalidationTimeoutMs: 0 } : {}),
    });
    const running = run(new DeployService(ctx), print, linkDoctor(ctx), ws);
    if (checksPublicUrl) loadFetchWhileWaiting();
    return running;
  };
}

/** The subcommands that end by checking prod through its public URL (fetch). */
const CHECKS_PUBLIC_URL = new Set(['promote', 'rollback', 'verify']);

/**
 * Node loads fetch()'s HTTP client (undici) on first use: ~15-25 ms of CPU that a promote
 * would otherwise spend after its last S3 answer, on its critical path (bench/profile-promote.ts).
 * Loaded on the next turn of the event loop instead, once the command's first S3 requests are
 * sent and it waits for their answers.
 */
function loadFetchWhileWaiting(): void {
  // Reading Headers evaluates the module fetch() itself loads (a lazy global of Node's).
  setImmediate(() => void globalThis.Headers);
}

type Values = Record<string, string | boolean | undefined>;
interface Subcommand {
  flags: string[];
  maxPositionals: number;
  parse(positionals: string[], values: Values): DeployRun;
}

const simple =
  (call: (d: DeployService) => Promise<unknown>): Subcommand['parse'] =>
  () =>
  async (deploy, print) => {
    print(await call(deploy));
    return 0;
  };

const ALLOWED: Record<string, Subcommand> = {
  status: {
    flags: [],
    maxPositionals: 0,
    parse: () => async (deploy, print) => {
      const status = await deploy.getDeployStatus();
      print(status);
      // What to do, with the pipeline's account under it (the panel's "Details").
      for (const { say, detail } of statusInWords(status)) {
        process.stderr.write(`${say}\n${detail ? `    ${detail}\n` : ''}`);
      }
      return 0;
    },
  },
  plan: { flags: [], maxPositionals: 0, parse: simple((d) => d.planPromote()) },
  releases: {
    flags: [],
    maxPositionals: 0,
    parse: () => async (deploy, print) => {
      const { summaries, unreadable } = await deploy.releaseList();
      print({ releases: summaries, unreadable });
      for (const problem of unreadable) process.stderr.write(`${problem} It was skipped.\n`);
      return 0;
    },
  },
  history: {
    flags: [],
    maxPositionals: 0,
    parse: simple(async (d) => ({ history: await d.listDeployHistory() })),
  },
  stage: {
    flags: ['from'],
    maxPositionals: 0,
    parse: (_p, values) => {
      const from = values.from;
      if (from === '') throw new UsageError('--from needs a folder');
      return simple((d) => d.stageSite(typeof from === 'string' ? from : undefined))([], {});
    },
  },
  promote: {
    flags: ['yes', 'no-invalidate', 'no-wait', 'prune', 'dry-run'],
    maxPositionals: 0,
    parse: (_p, values) => async (deploy, print) => {
      const request = { invalidate: !values['no-invalidate'], prune: values.prune === true };
      if (values.yes === true && !values['dry-run']) {
        // Nothing to confirm: the promote plans once itself (one round trip fewer), and the
        // plan it carried out is told afterwards.
        const report = await deploy.promote(request);
        process.stderr.write(describePlan(report.plan, request.prune));
        print(report);
        return report.ok ? 0 : 1;
      }
      const plan = await deploy.planPromote();
      if (plan.changed.length + plan.added.length + plan.unchanged.length === 0) {
        throw new QdnError(
          'bad_request',
          'Staging is empty: stage a build first (qdn deploy stage).',
        );
      }
      if (values['dry-run']) {
        print({ dry_run: true, plan });
        return 0;
      }
      process.stderr.write(describePlan(plan, request.prune));
      if (!(await confirm('Promote staging to prod?', false))) return 1;
      const report = await deploy.promote({ planId: plan.id, ...request });
      print(report);
      return report.ok ? 0 : 1;
    },
  },
  invalidate: {
    flags: ['no-wait'],
    maxPositionals: Infinity,
    parse: (positionals) => {
      for (const path of positionals) {
        const parsed = invalidationPathSchema.safeParse(path);
        if (!parsed.success) throw new UsageError(`"${path}": ${parsed.error.issues[0]?.message}`);
      }
      return simple(async (d) => ({ invalidations: await d.invalidateProd(positionals) }))([], {});
    },
  },
  verify: {
    flags: [],
    maxPositionals: 0,
    parse: () => async (deploy, print) => {
      const checks = await deploy.verifyProd();
      print({ checks });
      return checks.every((c) => c.ok) ? 0 : 1;
    },
  },
  rollback: {
    flags: ['yes', 'no-invalidate', 'no-wait'],
    maxPositionals: 1,
    parse: ([releaseId], values) => {
      if (releaseId !== undefined && !RELEASE_ID_PATTERN.test(releaseId)) {
        throw new UsageError(`"${releaseId}" is not a release id (see qdn deploy releases)`);
      }
      return async (deploy, print) => {
        const target = releaseId ?? (await deploy.rollbackTarget()) ?? 'the previous release';
        if (!(await confirm(`Roll prod back to ${target}?`, values.yes === true))) return 1;
        const report = await deploy.rollback(releaseId, { invalidate: !values['no-invalidate'] });
        print(report);
        return report.ok ? 0 : 1;
      };
    },
  },
  function: {
    flags: ['publish', 'yes'],
    maxPositionals: 0,
    parse: (_p, values) => async (deploy, print) => {
      if (!values.publish) {
        print(await deploy.inspectEdgeFunction());
        return 0;
      }
      const current = await deploy.inspectEdgeFunction();
      if (current.diff) process.stderr.write(current.diff);
      if (!(await confirm('Publish the edge function to LIVE?', values.yes === true))) return 1;
      const report = await deploy.publishEdgeFunction({ associate: true });
      print(report);
      return report.tests.every((t) => t.ok) ? 0 : 1;
    },
  },
  doctor: {
    flags: ['fix'],
    // `qdn deploy doctor Priya Nair`: the words of a name need no quotes.
    maxPositionals: 8,
    parse: (words, values) => {
      const typed = words.join(' ').trim();
      if (!typed) throw new UsageError(`usage: ${DOCTOR_USAGE}`);
      return async (_deploy, print, doctor, ws) => {
        const jobId = await doctorJobId(typed, ws, print, values.fix === true);
        if (jobId === null) return 2;
        let report = await doctor.diagnose(jobId);
        const fix: LinkFix | null = report.layers.find((l) => !l.ok)?.fix ?? null;
        if (values.fix && fix) report = await doctor.fix(jobId, fix);
        print(report);
        // Beside the JSON, each layer in a dispatcher's words, with the engineer's under it.
        for (const l of report.layers) {
          process.stderr.write(`${l.ok ? '✓' : '✗'} ${l.summary}\n    ${l.detail}\n`);
        }
        const left = report.layers.find((l) => l.layer === report.fault)?.fix;
        if (left && !values.fix) {
          process.stderr.write(`To fix it: qdn deploy doctor ${jobId} --fix (${left})\n`);
        }
        return report.fault === null ? 0 : 1;
      };
    },
  },
};

const DOCTOR_USAGE = 'qdn deploy doctor JOB_ID|NAME|PHONE [--fix]';

/**
 * The job `qdn deploy doctor` was asked about, found as the console's link doctor finds it
 * (src/shared/jobs/doctor-job-match.ts): a job id as it is, else the one job on the board whose
 * customer's name holds the words or whose phone holds the digits. Several: they are listed
 * (JSON on stdout, a line each on stderr) to be asked about by id, and null is returned.
 */
async function doctorJobId(
  typed: string,
  ws: Workspace,
  print: Print,
  fixing: boolean,
): Promise<string | null> {
  const query = readDoctorQuery(await ws.jobs.listJobs(), typed);
  if (query.kind === 'id') return query.jobId;
  if (query.kind !== 'words') throw new UsageError(`usage: ${DOCTOR_USAGE}`);
  const [only, ...others] = query.matches;
  if (!only) {
    throw new QdnError(
      'not_found',
      `No job on the board is for "${typed}". Give a customer's name or phone, or a job id (qdn job list).`,
    );
  }
  if (others.length === 0 && query.more === 0) return only.job_id;
  const timeZone = ws.config.business.time_zone;
  print({
    matches: query.matches.map((job) => ({
      job_id: job.job_id,
      customer_name: job.customer_name,
      address: job.address,
      status: job.status,
      pickup_date: job.pickup_date,
    })),
    more: query.more,
  });
  const lines = query.matches.map(
    (job) =>
      `  ${job.job_id}  ${[job.customer_name, job.address, STATUS_LABELS[job.status], `${formatPickup(job.pickup_date, 'en-US', timeZone)} ${zoneCity(timeZone)} time`].join(' · ')}\n`,
  );
  const more = query.more > 0 ? `  …and ${query.more} more: give more of the name.\n` : '';
  process.stderr.write(
    `qdn: ${query.matches.length + query.more} jobs are for "${typed}". Which one? qdn deploy doctor JOB_ID${fixing ? ' --fix' : ''}\n${lines.join('')}${more}`,
  );
  return null;
}

/** The plan as a person reads it before saying yes: a few names per line, then a count. */
function describePlan(plan: PromotePlan, prune: boolean): string {
  const few = (keys: string[]) =>
    keys.length === 0
      ? '—'
      : keys.slice(0, 8).join(', ') + (keys.length > 8 ? ` … and ${keys.length - 8} more` : '');
  const lines = [
    `Plan ${plan.id} (build ${plan.buildId ?? 'unknown'}):`,
    `  changed:   ${few(plan.changed)}`,
    `  added:     ${few(plan.added)}`,
    `  ${prune ? 'removed:  ' : 'kept (only in prod; --prune removes):'} ${few(plan.removed)}`,
    `  unchanged: ${plan.unchanged.length} files`,
    `  invalidate: ${few(plan.invalidationPaths)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Progress is for a person watching: on a terminal only, never mixed into stdout's JSON. */
function showProgress(p: DeployProgress): void {
  if (!process.stderr.isTTY) return;
  const count = p.total ? ` (${p.done ?? 0}/${p.total})` : '';
  process.stderr.write(`  ${p.action} · ${p.step} · ${p.state}${count} ${p.message}\n`);
}
