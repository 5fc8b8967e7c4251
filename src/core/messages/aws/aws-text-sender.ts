import { SendTextMessageCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type {
  PinpointSMSVoiceV2Client,
  SendTextMessageCommandInput,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { actionableAwsError } from '../../aws/aws-errors';
import type { AwsCallContext } from '../../aws/aws-errors';
import { TextRefusedError } from '../messages-ports';
import type { OutgoingText, TextAccepted, TextSender } from '../messages-ports';

/** What every text is sent with: config.json → messages.aws. */
export interface AwsTextSenderSettings {
  originationIdentity: string;
  configurationSet?: string;
  /** US dollars per message part: AWS refuses a text that would cost more (`MaxPrice`). */
  maxPricePerMessage?: number;
  /** Names the profile and region in sign-in and permission errors. */
  context: Omit<AwsCallContext, 'service'>;
}

/**
 * Texts through AWS End User Messaging SMS, `SendTextMessage`: one destination per call,
 * `TRANSACTIONAL` (texts about a booked job are, and carriers route them ahead of marketing),
 * sent from the configured origination identity (a number, its ARN, a sender id or a pool),
 * with the configuration set whose event destination reports delivery. The text's own id
 * rides in `Context`, which AWS copies into every delivery event of the text.
 *
 * Request and response fields, and the error types with their `Reason`s, as documented at
 * https://docs.aws.amazon.com/pinpoint/latest/apireference_smsvoicev2/API_SendTextMessage.html
 * (and the SDK's models: AccessDeniedExceptionReason, ConflictExceptionReason,
 * ServiceQuotaExceededExceptionReason, ValidationExceptionReason).
 */
export class AwsTextSender implements TextSender {
  readonly name = 'aws' as const;

  constructor(
    private readonly client: PinpointSMSVoiceV2Client,
    private readonly settings: AwsTextSenderSettings,
  ) {}

  async send(text: OutgoingText): Promise<TextAccepted> {
    const input: SendTextMessageCommandInput = {
      DestinationPhoneNumber: text.to,
      OriginationIdentity: this.settings.originationIdentity,
      MessageBody: text.body,
      MessageType: 'TRANSACTIONAL',
      Context: { qdn_text_id: text.id },
      ...(this.settings.configurationSet
        ? { ConfigurationSetName: this.settings.configurationSet }
        : {}),
      ...(this.settings.maxPricePerMessage !== undefined
        ? { MaxPrice: String(this.settings.maxPricePerMessage) }
        : {}),
    };
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(new SendTextMessageCommand(input)));
    } catch (err) {
      throw (
        refusalOf(err, this.settings) ??
        actionableAwsError(err, {
          ...this.settings.context,
          service: 'sms-voice',
          command: 'SendTextMessageCommand',
        })
      );
    }
    // Without a MessageId no delivery event can be matched to the text: AWS's answer is not
    // the documented one, so the text stays owed rather than being marked sent blind.
    if (!messageId) throw new Error('AWS End User Messaging SMS answered without a MessageId');
    return { providerId: messageId };
  }
}

interface SmsError {
  name?: string;
  Reason?: string;
  Message?: string;
  message?: string;
  ResourceType?: string;
  ResourceId?: string;
  Fields?: { Name?: string; Message?: string }[];
}

/**
 * The refusal no retry of this text changes, in words a dispatcher can act on; null for what
 * may pass (throttling, AWS's own faults, the network, an expired sign-in, a missing IAM
 * permission: the text stays owed until then). A spend limit or an unregistered number is a
 * refusal too: sent when it lifts, hours or weeks later, "on our way" would be a lie.
 */
function refusalOf(
  err: unknown,
  settings: Pick<AwsTextSenderSettings, 'originationIdentity' | 'configurationSet'>,
): TextRefusedError | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as SmsError;
  const reason = e.Reason ?? '';
  const said = (e.Message ?? e.message ?? '').trim();
  const from = settings.originationIdentity;
  const refuse = (words: string, optedOut = false) =>
    new TextRefusedError(`${words}${said ? ` (AWS: ${said})` : ''}`, optedOut);
  switch (e.name) {
    case 'ConflictException':
      return conflict(reason, from, refuse);
    case 'ValidationException':
      return invalid(reason, e.Fields ?? [], from, refuse);
    case 'AccessDeniedException':
      // With a Reason the account itself may not send; without one it is IAM, which the
      // actionable-errors translation names (the permission to grant).
      if (reason === 'ACCOUNT_DISABLED') {
        return refuse('The AWS account may not send texts (disabled): contact AWS Support.');
      }
      if (reason === 'INSUFFICIENT_ACCOUNT_REPUTATION') {
        return refuse(
          'AWS has paused texting from this account (its sending reputation is too low): open a case with AWS Support.',
        );
      }
      return null;
    case 'ServiceQuotaExceededException':
      if (reason === 'MONTHLY_SPEND_LIMIT_REACHED_FOR_TEXT') {
        return refuse(
          "This month's SMS spend limit is reached: raise it in End User Messaging SMS → Account settings, then send the text again.",
        );
      }
      return refuse(`An AWS End User Messaging SMS quota is reached (${reason || 'quota'}).`);
    case 'ResourceNotFoundException':
      return refuse(
        `AWS has no ${resourceWords(e.ResourceType)} ${e.ResourceId ?? from}: check messages.aws in config.json (origination_identity, configuration_set) and its region.`,
      );
    default:
      return null;
  }
}

type Refuse = (words: string, optedOut?: boolean) => TextRefusedError;

function conflict(reason: string, from: string, refuse: Refuse): TextRefusedError {
  switch (reason) {
    case 'DESTINATION_PHONE_NUMBER_OPTED_OUT':
      return refuse(
        'The customer opted out of texts from this number (they texted STOP): no text reaches them until they text START.',
        true,
      );
    case 'DESTINATION_PHONE_NUMBER_NOT_VERIFIED':
      return refuse(
        "The AWS account is still in the SMS sandbox, which texts only verified numbers: verify this customer's number in End User Messaging SMS, or request production access.",
      );
    case 'DESTINATION_PHONE_NUMBER_BLOCKED_BY_PROTECT_NUMBER_OVERRIDE':
    case 'DESTINATION_COUNTRY_BLOCKED_BY_PROTECT_CONFIGURATION':
      return refuse(
        "A protect configuration of the AWS account blocks texts to this customer's number or country: allow it in End User Messaging SMS → Protect configurations.",
      );
    case 'REGISTRATION_NOT_COMPLETE':
    case 'RESOURCE_NOT_ACTIVE':
      return refuse(
        `${from} may not send yet: its registration (10DLC campaign or toll-free verification) is not complete. See End User Messaging SMS → Registrations.`,
      );
    case 'NO_ORIGINATION_IDENTITIES_FOUND':
    case 'NUMBER_CAPABILITIES_MISMATCH':
    case 'MESSAGE_TYPE_MISMATCH':
      return refuse(
        `${from} cannot send this text to the customer's number (it is not set up for SMS, transactional texts or that country): choose another origination_identity in config.json.`,
      );
    default:
      return refuse(`AWS refused the text (${reason || 'conflict'}).`);
  }
}

function invalid(
  reason: string,
  fields: NonNullable<SmsError['Fields']>,
  from: string,
  refuse: Refuse,
): TextRefusedError {
  switch (reason) {
    case 'DESTINATION_COUNTRY_BLOCKED':
    case 'COUNTRY_NOT_ENABLED':
    case 'INTERNATIONAL_SENDING_NOT_SUPPORTED':
    case 'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY':
      return refuse(
        `${from} may not text the customer's country: enable the country in End User Messaging SMS, or check the customer's number.`,
      );
    case 'SENDER_ID_NOT_REGISTERED':
    case 'SENDER_ID_REQUIRES_REGISTRATION':
    case 'SENDER_ID_NOT_SUPPORTED':
      return refuse(
        `${from} is not registered to send to the customer's country: register it in End User Messaging SMS → Registrations, or use a registered phone number.`,
      );
    case 'PRICE_OVER_THRESHOLD':
      return refuse(
        'The text would cost more per part than messages.aws.max_price_per_message in config.json allows.',
      );
    case 'MAXIMUM_SIZE_EXCEEDED':
      return refuse('The text is too long for SMS: shorten its template in Settings.');
  }
  if (fields.some((f) => f.Name === 'DestinationPhoneNumber')) {
    return refuse(
      "The customer's phone number is not a number AWS can text: correct it on the job (with its country code, e.g. +1 206 555 0100).",
    );
  }
  return refuse(`AWS refused the text as invalid (${reason || 'validation'}).`);
}

function resourceWords(type: string | undefined): string {
  switch (type) {
    case 'configuration-set':
      return 'configuration set';
    case 'phone-number':
      return 'phone number';
    case 'pool':
      return 'pool';
    case 'sender-id':
      return 'sender id';
    default:
      return type ? type.replace(/-/g, ' ') : 'origination identity';
  }
}
