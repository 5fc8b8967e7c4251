import { TextRefusedError } from '../messages-ports';
import type { OutgoingText, TextAccepted, TextSender } from '../messages-ports';

export interface TwilioTextSenderSettings {
  /** `AC…`: the account the Messages resource lives under. */
  accountSid: string;
  /**
   * The account's auth token (or an API key's secret, with `apiKeySid`). A secret: the main
   * process holds it, never config.json.
   */
  authToken: string;
  /** `SK…`: sign in with an API key instead of the account's own token. */
  apiKeySid?: string;
  /** The sender: a Twilio number in E.164, or a Messaging Service (`MG…`), which wins. */
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts the text's delivery status, when the console has such a URL. */
  statusCallback?: string;
  /** Twilio's API; a loopback server in tests. */
  baseUrl?: string;
  /** How long one request may take before the text is left owed (ms). */
  timeoutMs?: number;
}

/**
 * Twilio error codes that no retry of the same text changes, with plain words: from Twilio's
 * error dictionary (https://www.twilio.com/docs/api/errors/21610, …/21211, …/21614, …/21408,
 * …/21612, …/21606, …/21608, …/21617).
 */
const REFUSED: Record<number, string> = {
  21211: "The customer's phone number is not a valid number: correct it on the job.",
  21614: "The customer's number is not a mobile number (a landline?): it cannot take texts.",
  21408:
    "Twilio may not text the customer's country: enable it in Twilio's Messaging → Geo permissions.",
  21612: 'Twilio cannot carry a text from this sender to the customer’s number.',
  21606: 'The sender is not a Twilio number that can send texts: check the sender in Settings.',
  21608:
    "A Twilio trial account texts only verified numbers: verify the customer's number or upgrade the account.",
  21617: 'The text is too long for Twilio (1,600 characters): shorten its template in Settings.',
};
const OPTED_OUT = 21610;

/**
 * Texts through Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, form
 * encoded, HTTP basic auth), with plain fetch: the `twilio` package would add a large
 * dependency for one request. 201 gives the message's `sid`, which its status callbacks name.
 * A 400 is Twilio refusing this text (an opted-out, invalid or unreachable number); a refusal
 * with an unknown code is still a refusal, as a 400 is not retried. Sign-in, rate limits,
 * Twilio's own faults and the network leave the text owed.
 */
export class TwilioTextSender implements TextSender {
  readonly name = 'twilio' as const;
  private readonly url: string;

  constructor(private readonly settings: TwilioTextSenderSettings) {
    if (!settings.from && !settings.messagingServiceSid) {
      throw new Error('Twilio texts need a sender: a Twilio number or a Messaging Service');
    }
    const base = (settings.baseUrl ?? 'https://api.twilio.com').replace(/\/+$/, '');
    this.url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  }

  async send(text: OutgoingText): Promise<TextAccepted> {
    const form = new URLSearchParams({ To: text.to, Body: text.body });
    if (this.settings.messagingServiceSid) {
      form.set('MessagingServiceSid', this.settings.messagingServiceSid);
    } else if (this.settings.from) {
      form.set('From', this.settings.from);
    }
    if (this.settings.statusCallback) form.set('StatusCallback', this.settings.statusCallback);
    const user = this.settings.apiKeySid ?? this.settings.accountSid;
    const auth = Buffer.from(`${user}:${this.settings.authToken}`).toString('base64');

    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${auth}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.settings.timeoutMs ?? 15_000),
      });
    } catch (err) {
      throw new Error(`Could not reach Twilio (${causeOf(err)}): the text stays owed.`, {
        cause: err,
      });
    }
    const answer = await readJson(response);
    if (response.status === 201 || response.status === 200) {
      if (typeof answer.sid !== 'string' || !answer.sid) {
        throw new Error('Twilio answered without a message sid: the text stays owed.');
      }
      return { providerId: answer.sid };
    }
    const code = typeof answer.code === 'number' ? answer.code : undefined;
    const said = typeof answer.message === 'string' ? answer.message : '';
    const aside = ` (Twilio ${code ?? response.status}${said ? `: ${said}` : ''})`;
    if (response.status === 400) {
      if (code === OPTED_OUT) {
        throw new TextRefusedError(
          `The customer opted out of texts from this number (they texted STOP): no text reaches them until they text START.${aside}`,
          true,
        );
      }
      throw new TextRefusedError(
        `${(code !== undefined ? REFUSED[code] : undefined) ?? 'Twilio refused the text.'}${aside}`,
      );
    }
    if (response.status === 401) {
      throw new Error(
        `Twilio did not accept the account SID and auth token: check them in Settings.${aside}`,
      );
    }
    throw new Error(`Twilio could not take the text now; it stays owed.${aside}`);
  }
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await response.json();
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function causeOf(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer in time';
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return err instanceof Error ? err.message : String(err);
}
