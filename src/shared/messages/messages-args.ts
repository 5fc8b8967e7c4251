import { z } from 'zod';
import type { ArgsSchemas } from '../args-schemas';
import { jobIdSchema } from '../jobs/jobs-args';
import { SMS_STATUSES } from '../settings/settings';
import type { MessagesApi } from './messages-api';

/** A manual text: typed words or a status's template, never both; the words as a text holds them. */
export const sendTextInputSchema = z
  .strictObject({
    body: z
      .string()
      .trim()
      .min(1, 'a text needs words')
      .max(1600, 'a text is at most 1600 characters')
      .optional(),
    status: z
      .enum(SMS_STATUSES, { error: `must be one of: ${SMS_STATUSES.join(', ')}` })
      .optional(),
  })
  .refine((input) => !(input.body !== undefined && input.status !== undefined), {
    message: "send either typed words or a status's text, not both",
  });

/** The texts calls' arguments, parsed on arrival like every other call's. */
export const messagesArgs: ArgsSchemas<MessagesApi> = {
  listTexts: z.tuple([jobIdSchema.optional()]),
  sendText: z.tuple([jobIdSchema, sendTextInputSchema]),
  flushTexts: z.tuple([]),
  getMessagesStatus: z.tuple([]),
  markTextsRead: z.tuple([jobIdSchema]),
};
