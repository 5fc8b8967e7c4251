import { parseArgs } from 'node:util';
import { listUnmatched } from '../core/messages/inbound-recorder';
import type { Print, WorkspaceCommand } from './workspace-command';

/**
 * `qdn messages unmatched`: the texts no job took (a number no job has, one that does not
 * parse, a delivery report for a text never recorded as sent), oldest first, kept in
 * messages/unmatched/ so nothing a customer texted is dropped.
 */
export function parseMessagesUnmatched(args: string[], print: Print): WorkspaceCommand {
  parseArgs({ args, options: {}, strict: true });
  return async (ws) => {
    const kept = await listUnmatched(ws.data);
    print({
      unmatched: kept.map(({ event, reason, kept_at }) => ({
        kind: event.kind,
        provider_id: event.providerId,
        from: event.kind === 'reply' ? event.from : null,
        body: event.kind === 'reply' ? event.body : null,
        at: event.at,
        reason,
        kept_at,
      })),
    });
  };
}
