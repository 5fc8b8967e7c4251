import { z } from 'zod';
import type { CoreApi, ShellApi } from './api';
import type { ArgsSchemas } from './args-schemas';
import { deployArgs } from './deploy/deploy-args';
import { inboxArgs } from './inbox/inbox-args';
import { jobsArgs } from './jobs/jobs-args';
import { messagesArgs } from './messages/messages-args';
import { settingsArgs } from './settings/settings-args';

/** Every argument list is parsed on arrival: the renderer is untrusted input. */
export const coreArgs: ArgsSchemas<CoreApi> = {
  ...jobsArgs,
  ...deployArgs,
  ...inboxArgs,
  ...settingsArgs,
  ...messagesArgs,
};

export const shellArgs: ArgsSchemas<ShellApi> = {
  copyText: z.tuple([z.string().max(10_000)]),
};
