import { parseArgs } from 'node:util';
import type { QuoteInput } from '../shared/inbox/inbox-api';
import { quoteInputSchema } from '../shared/inbox/inbox-args';
import { buildQuoteUrl } from '../shared/quote-link';
import { saveQuote } from '../core/inbox/quote-save';
import { workspaceActor } from '../core/jobs/workspace-job-rules';
import { UsageError } from './cli-error';
import { flagIssues, pickupFlag, priceFlag, takeJobId } from './job-args';
import { linkBase } from './job-output';
import type { Print, WorkspaceCommand } from './workspace-command';

export const QUOTE_USAGE = 'qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]';

/**
 * `qdn job quote JOB_ID --price N --pickup TIME [--pickup-end TIME]`: quotes a requested job,
 * as the console's Quote form does, and prints it with the customer's `/book/<token>` link —
 * not the tracking link, which goes out once the customer has confirmed. Its flags are checked
 * (a price above nothing, a window that ends after it starts) before any workspace is opened.
 */
export function parseQuoteCommand(
  args: string[],
  print: Print,
  timeZone: string,
): WorkspaceCommand {
  const { values, positionals } = parseArgs({
    args,
    options: {
      price: { type: 'string' },
      pickup: { type: 'string' },
      'pickup-end': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const jobId = takeJobId(positionals, QUOTE_USAGE);
  if (values.price === undefined)
    throw new UsageError(`--price is required; usage: ${QUOTE_USAGE}`);
  if (values.pickup === undefined) {
    throw new UsageError(`--pickup is required; usage: ${QUOTE_USAGE}`);
  }
  const end = values['pickup-end'];
  const typed: QuoteInput = {
    price: priceFlag(values.price),
    pickup_date: pickupFlag('pickup', values.pickup, timeZone),
    // An empty --pickup-end is no end, as in `qdn job add`.
    ...(end ? { pickup_window_end: pickupFlag('pickup-end', end, timeZone) } : {}),
  };
  const quote = quoteFlags(typed);
  return async (ws) => {
    const actor = workspaceActor(ws.config, 'cli');
    const { job, warning } = await saveQuote(ws, jobId, quote, actor);
    print({
      ...job,
      quote_url: buildQuoteUrl(await linkBase(ws), job.tracking_token),
      quote_page_updated: warning === null,
    });
    if (warning) process.stderr.write(`qdn: ${warning}\n`);
  };
}

/**
 * The quote as core will take it, the schema's complaints naming the flag typed. A pickup
 * already over is core's to refuse (exit 1, as `qdn job add` refuses one), before any write.
 */
function quoteFlags(typed: QuoteInput): QuoteInput {
  const parsed = quoteInputSchema.safeParse(typed);
  if (!parsed.success) throw new UsageError(flagIssues(parsed.error.issues));
  return parsed.data;
}
