import { parseArgs } from 'node:util';
import { createInboxApi } from '../core/inbox/inbox-service';
import { UsageError } from './cli-error';
import type { Print, WorkspaceCommand } from './workspace-command';

/**
 * `qdn inbox ingest|list`: the booking inbox, as the console sees it. `ingest` does one pass and
 * prints what it created, confirmed and rejected; `list` shows what waits.
 */
export function parseInboxCommand(args: string[], print: Print): WorkspaceCommand {
  const [sub, ...rest] = args;
  parseArgs({ args: rest, options: {}, strict: true });
  switch (sub) {
    case 'ingest':
      return async (ws) => {
        const { created, confirmed, call_requested, rejected, warning } =
          await createInboxApi(ws).ingestInbox();
        print({ created, confirmed, call_requested, rejected, ...(warning ? { warning } : {}) });
        if (warning) process.stderr.write(`qdn: ${warning}\n`);
      };
    case 'list':
      return async (ws) => {
        print({ waiting: await createInboxApi(ws).listInbox() });
      };
    default:
      throw new UsageError('usage: qdn inbox ingest|list');
  }
}
