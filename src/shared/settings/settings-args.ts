import { z } from 'zod';
import type { ArgsSchemas } from '../args-schemas';
import type { SettingsApi } from './settings-api';
import { settingsSchema } from './settings';

/** The settings calls' arguments, parsed on arrival like every other call's. */
export const settingsArgs: ArgsSchemas<SettingsApi> = {
  getSettings: z.tuple([]),
  saveSettings: z.tuple([settingsSchema]),
  listAwsProfiles: z.tuple([]),
  checkAccess: z.tuple([]),
};
