import { parseArgs } from 'node:util';
import { jobIdSchema } from '../shared/jobs/jobs-args';
import { sendTextInputSchema } from '../shared/messages/messages-args';
import { createMessagesApi } from '../core/operations/messages-api';
import { actorName } from '../core/jobs/job-actor';
import { UsageError } from './cli-error';
import { parseMessagesReply } from './messages-reply';
import { parseMessagesUnmatched } from './messages-unmatched';
import type { Print, WorkspaceCommand } from './workspace-command';

const USAGE =
  'usage: qdn messages list [--job JOB_ID] | send JOB_ID [--status S | --text T] | flush | reply --from PHONE --text TEXT | unmatched';

/**
 * `qdn messages list|send|flush`: the customers' texts as the console keeps them. `list` prints
 * every text (or one job's), newest first; `send` texts a job now (its status's template, or
 * another's with --status, or typed words with --text); `flush` sends what is owed and due.
 */
export function parseMessagesCommand(args: string[], print: Print): WorkspaceCommand {
  const [sub, ...rest] = args;
  const api = (ws: Parameters<WorkspaceCommand>[0]) =>
    createMessagesApi(ws, { by: () => actorName('cli') });
  switch (sub) {
    case 'list': {
      const { values } = parseArgs({
        args: rest,
        options: { job: { type: 'string' } },
        strict: true,
      });
      const job = values.job === undefined ? undefined : jobId(values.job);
      return async (ws) => {
        print({ messages: await api(ws).listTexts(job) });
      };
    }
    case 'send': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { status: { type: 'string' }, text: { type: 'string' } },
        strict: true,
        allowPositionals: true,
      });
      const [id, ...extra] = positionals;
      if (id === undefined || extra.length > 0) throw new UsageError(USAGE);
      const input = sendTextInputSchema.safeParse({
        ...(values.status !== undefined ? { status: values.status } : {}),
        ...(values.text !== undefined ? { body: values.text } : {}),
      });
      if (!input.success) {
        const issue = input.error.issues[0];
        if (issue?.path[0] === 'body') throw new UsageError(`--text: ${issue.message}`);
        if (issue?.path[0] === 'status') throw new UsageError(`--status ${issue.message}`);
        throw new UsageError('give --status or --text, not both');
      }
      const job = jobId(id);
      return async (ws) => {
        const saved = await api(ws).sendText(job, input.data);
        const text = saved.job.texts?.at(-1);
        print({
          job_id: saved.job.job_id,
          text,
          ...(saved.warning ? { warning: saved.warning } : {}),
        });
        if (saved.warning) {
          process.stderr.write(`qdn: ${saved.warning}\n`);
          return 1;
        }
      };
    }
    case 'flush': {
      parseArgs({ args: rest, options: {}, strict: true });
      return async (ws) => {
        print(await api(ws).flushTexts());
      };
    }
    case 'reply':
      return parseMessagesReply(rest, print);
    case 'unmatched':
      return parseMessagesUnmatched(rest, print);
    default:
      throw new UsageError(USAGE);
  }
}

function jobId(value: string): string {
  const parsed = jobIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`"${value}" is not a job id (16 hex characters)`);
  return parsed.data;
}
