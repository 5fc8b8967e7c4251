import { parseArgs } from 'node:util';
import { QdnError } from '../shared/errors';
import { defaultWorkspaceDir } from '../core/workspace/default-workspace';
import { openWorkspace } from '../core/workspace/open-workspace';
import { UsageError } from './cli-error';
import { businessZone } from './business-zone';
import type { CommandContext, Print, WorkspaceCommand } from './workspace-command';

const WORKSPACE_NOTE =
  "Every command takes --workspace DIR (default: the console's sandbox, or $QDN_WORKSPACE).";

const TIME_NOTE =
  `TIME is "2026-12-08 15:00" (quoted) or 2026-12-08T15:00 on the business's clocks (config.json's\n` +
  'business.time_zone), or an instant with Z or an offset: 2026-12-08T21:00Z, …T15:00-06:00.';

const HELP = `qdn — QuickDumpNow Dispatch from a terminal (JSON on stdout)

  qdn sandbox [--port N]                  serve the sandbox's public site on 127.0.0.1
  qdn job add --name NAME --address ADDR --pickup TIME --price N
              [--pickup-end TIME] [--currency USD] [--phone P] [--email E]
              [--service S] [--notes TEXT] [--assign NAME] [--allow-past]
  qdn job add --status requested --name NAME --address ADDR --pickup TIME [--pickup-end TIME] …
                                          a phoned-in lead: Requested, with no price until quoted
  qdn job list [--archived]                the board's jobs, or the archived ones
  qdn job show JOB_ID                     one job (every field and its history), board or archived
  qdn job edit JOB_ID [--name …] [--address …] [--pickup …] [--pickup-end …] [--price …]
              [--currency …] [--phone …] [--email …] [--service …] [--notes …] [--assign NAME]
              [--allow-past]              an empty value clears an optional field
  qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]
                                          quote a requested job; prints quote_url, the
                                          customer's /book/<token> link to confirm it
  qdn job set-status JOB_ID STATUS [--reason TEXT]
                                          requested|scheduled|en_route|on_site|completed|canceled;
                                          completed from scheduled or en_route in one move; a
                                          move back, a reopen, or scheduling a request with no
                                          quote (confirmed by phone) needs --reason
  qdn job revoke JOB_ID                   the job's link stops working at once
  qdn job rotate JOB_ID                   a new link (tracking_url); the old one stops working
  qdn job sms JOB_ID [--status S] [--plain]   the text for the customer, from the templates
  qdn job archive                         move jobs finished 30+ days ago to archive/YYYY-MM.json
  qdn job versions                        earlier versions of jobs.json, newest first
  qdn job restore VERSION_ID              make an earlier jobs.json current again

  qdn report [--from DAY] [--to DAY] [--csv]
                                          jobs done and revenue (by crew, by service) over days
                                          completed in the business's zone, archived jobs too;
                                          default the last 7 days; --csv: one row per job

  qdn inbox ingest                        one pass: requests → jobs, confirmations applied
  qdn inbox list                          submissions waiting, and those to review (spam, rejected)
  qdn inbox accept ID                     make a job of one to review (ID from qdn inbox list)
  qdn inbox dismiss ID                    file one to review away (kept in inbox/dismissed/)

  qdn messages list [--job JOB_ID]        the customers' texts, newest first (held: quiet hours)
  qdn messages send JOB_ID [--status S] [--text TEXT]
                                          text a job now: its status's template, another's, or
                                          typed words; an opted-out number is refused
  qdn messages flush                      send the texts owed and due (the console does at start)
  qdn messages reply --from PHONE --text TEXT
                                          sandbox only: a customer's reply, as their phone sends it
  qdn messages unmatched                  texts no job took (an unknown number), kept, oldest first

  qdn deploy status                       staging vs prod, release, pending invalidations
  qdn deploy stage [--from DIR]           upload a built site (default out/site) to staging
  qdn deploy plan                         what a promote would change
  qdn deploy promote [--yes] [--no-invalidate] [--prune] [--dry-run] [--no-wait]
  qdn deploy invalidate [PATH…] [--no-wait]   default: /*
  qdn deploy verify                       check prod through its public URL
  qdn deploy releases
  qdn deploy rollback [RELEASE_ID] [--yes] [--no-invalidate]   default: the previous release
  qdn deploy function [--publish] [--yes] the edge function: stages, diff, tests; publish
  qdn deploy doctor JOB_ID|NAME [--fix]   follow one job's link through every layer
  qdn deploy history

${TIME_NOTE}
${WORKSPACE_NOTE}`;

/**
 * Each command's module loads only when it runs: `qdn job list` need not load the deploy
 * pipeline, the sandbox's HTTP server or the inbox (which brings the AWS SDK).
 */
type ParseCommand = (args: string[], print: Print, context: CommandContext) => WorkspaceCommand;

const COMMANDS: Record<string, () => Promise<ParseCommand>> = {
  job: async () => (await import('./job-commands')).parseJobCommand,
  sandbox: async () => (await import('./sandbox-command')).parseSandboxCommand,
  deploy: async () => (await import('./deploy-commands')).parseDeployCommand,
  inbox: async () => (await import('./inbox-commands')).parseInboxCommand,
  report: async () => (await import('./report-command')).parseReportCommand,
  messages: async () => (await import('./messages-commands')).parseMessagesCommand,
};

/** The commands whose arguments hold dates or times in the business's zone. */
const ZONED_COMMANDS = new Set(['job', 'report']);

/** Runs one CLI invocation; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  try {
    const { workspace, rest } = takeWorkspace(argv);
    const [command, ...args] = rest;
    // No command at all is a mistake (exit 2) that the whole help answers; asking is not.
    if (!command) {
      process.stdout.write(`${HELP}\n`);
      return 2;
    }
    const asked = askedForHelp(rest);
    if (asked !== null) {
      const [about] = asked;
      if (about !== undefined && !Object.hasOwn(COMMANDS, about)) {
        throw new UsageError(`unknown command "${about}"`);
      }
      process.stdout.write(`${about === undefined ? HELP : helpFor(asked)}\n`);
      return 0;
    }
    // Own keys only: `qdn valueOf` is an unknown command, not Object.prototype's method.
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}"`);
    const dir = workspace ?? defaultWorkspaceDir();
    // Only the commands that read times need the zone: the others start as fast as before.
    const timeZone = ZONED_COMMANDS.has(command) ? await businessZone(dir) : 'UTC';
    const run = (await load())(args, print, { timeZone });
    return (await run(await openWorkspace(dir))) ?? 0;
  } catch (err) {
    process.stderr.write(`qdn: ${oneLine(err)}\n`);
    return err instanceof UsageError || isParseArgsError(err) ? 2 : 1;
  }
}

/**
 * The command words help was asked about, or null when it was not: `qdn help job add`,
 * `qdn job add --help` and `qdn job -h` all ask, wherever the flag stands (before a `--`).
 */
function askedForHelp(argv: string[]): string[] | null {
  const end = argv.indexOf('--');
  const line = end === -1 ? argv : argv.slice(0, end);
  const words = line.filter((word) => !word.startsWith('-'));
  if (line[0] === 'help') return words.slice(1, 3);
  if (words[1] === 'help' && line.length === 2) return words.slice(0, 1);
  if (line.some((word) => word === '--help' || word === '-h')) return words.slice(0, 2);
  return null;
}

/**
 * The help's entries for `qdn WORD [SUBWORD]`: those of the subcommand when it has any, else
 * every entry of the command (so `qdn job frob --help` still shows what `job` takes).
 */
function helpFor([command, sub]: string[]): string {
  const entries = HELP.split('\n\n')
    .flatMap((block) => block.split(/\n(?= {2}qdn )/))
    .filter((entry) => entry.startsWith('  qdn '));
  const of = (words: string) =>
    entries.filter((entry) => entry === `  qdn ${words}` || entry.startsWith(`  qdn ${words} `));
  const chosen =
    sub !== undefined && of(`${command} ${sub}`).length > 0
      ? of(`${command} ${sub}`)
      : of(command!);
  return [...chosen, '', ...(command === 'job' ? [TIME_NOTE] : []), WORKSPACE_NOTE].join('\n');
}

/** `--workspace DIR` may stand anywhere on the line. */
function takeWorkspace(argv: string[]): { workspace: string | undefined; rest: string[] } {
  const { values, tokens } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' } },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const drop = new Set<number>();
  for (const token of tokens) {
    if (token.kind === 'option' && token.name === 'workspace') {
      drop.add(token.index);
      if (token.inlineValue === false) drop.add(token.index + 1);
    }
  }
  const workspace = typeof values.workspace === 'string' ? values.workspace : undefined;
  if ('workspace' in values && !workspace) throw new UsageError('--workspace needs a folder');
  return { workspace, rest: argv.filter((_, i) => !drop.has(i)) };
}

function oneLine(err: unknown): string {
  const message = err instanceof QdnError || err instanceof Error ? err.message : String(err);
  return message.replace(/\s*\n\s*/g, '; ');
}

function isParseArgsError(err: unknown): boolean {
  return (
    typeof (err as { code?: unknown })?.code === 'string' &&
    String((err as { code: string }).code).startsWith('ERR_PARSE_ARGS')
  );
}
