import { parseArgs } from 'node:util';
import { createInboxApi } from '../core/inbox/inbox-service';
import { workspaceActor } from '../core/jobs/workspace-job-rules';
import { createMessagesApi } from '../core/operations/messages-api';
import { UsageError } from './cli-error';
import type { Print, WorkspaceCommand } from './workspace-command';

const USAGE = 'usage: qdn inbox ingest|list|accept ID|dismiss ID';

/**
 * `qdn inbox ingest|list|accept|dismiss`: the booking inbox, as the console sees it. `ingest`
 * does one pass and prints what it created, confirmed, held as possible spam and rejected;
 * `list` shows what waits to be ingested and what waits for review (possible spam, rejected),
 * each with its id; `accept ID` makes a job of one of those, `dismiss ID` files it away.
 */
export function parseInboxCommand(args: string[], print: Print): WorkspaceCommand {
  const [sub, ...rest] = args;
  const { positionals } = parseArgs({
    args: rest,
    options: {},
    strict: true,
    allowPositionals: sub === 'accept' || sub === 'dismiss',
  });
  switch (sub) {
    case 'ingest':
      return async (ws) => {
        // With the workspace's rules, as the console's pass: a confirmation into a status of
        // messages.auto owes its text, which goes before the command returns.
        const actor = workspaceActor(ws.config, 'cli');
        const inbox = createInboxApi(ws, undefined, undefined, () => actor);
        const { warning, ...result } = await inbox.ingestInbox();
        const texts =
          result.confirmed.length > 0
            ? await createMessagesApi(ws, { by: () => actor.by ?? 'cli' }).flushTexts()
            : null;
        print({ ...result, ...(warning ? { warning } : {}), ...(texts ? { texts } : {}) });
        if (warning) process.stderr.write(`qdn: ${warning}\n`);
      };
    case 'list':
      return async (ws) => {
        const inbox = createInboxApi(ws);
        const [waiting, review] = await Promise.all([inbox.listInbox(), inbox.listReview()]);
        print({ waiting, review });
      };
    case 'accept':
    case 'dismiss': {
      const [id, ...extra] = positionals;
      if (id === undefined || extra.length > 0) {
        throw new UsageError(`usage: qdn inbox ${sub} ID (an id from qdn inbox list's review)`);
      }
      return async (ws) => {
        const inbox = createInboxApi(ws);
        if (sub === 'accept') {
          print({ accepted: await inbox.acceptSubmission(id) });
        } else {
          await inbox.dismissSubmission(id);
          print({ dismissed: id });
        }
      };
    }
    default:
      throw new UsageError(USAGE);
  }
}
