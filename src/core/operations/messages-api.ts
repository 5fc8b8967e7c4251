import type { MessagesApi } from '../../shared/messages/messages-api';
import { QdnError } from '../../shared/errors';
import type { Workspace } from '../workspace/open-workspace';

/**
 * The console's texts calls over one workspace. They span jobs (the texts live on the job) and
 * messages (the sender, opt-outs), so they live on the operations floor.
 */
export function createMessagesApi(_ws: Workspace): MessagesApi {
  const notYet = () =>
    Promise.reject(new QdnError('internal', 'Texts are not wired into the console yet.'));
  return {
    listTexts: () => Promise.resolve([]),
    sendText: notYet,
    flushTexts: () => Promise.resolve({ sent: 0, held: 0, failed: 0, skipped: 0 }),
    getMessagesStatus: () =>
      Promise.resolve({
        provider: null,
        phone_url: null,
        month_texts: 0,
        month_segments: 0,
        opted_out: [],
      }),
    markTextsRead: notYet,
  };
}
