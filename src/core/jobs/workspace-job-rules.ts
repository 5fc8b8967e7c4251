import { phoneCountryOf } from '../../shared/phone';
import type { WorkspaceConfig } from '../config/workspace-config';
import { actorName } from './job-actor';
import type { JobActor } from './job-actor';
import type { JobRules } from './job-field-checks';

/** The checks a workspace's settings add to a job's fields: phone country, crew, time zone. */
export function jobRulesOf(config: WorkspaceConfig): JobRules {
  return {
    phoneCountry: phoneCountryOf(config.business.phone),
    // config.json's schema makes every member `{ name, kind }` (crew defaults to []).
    crew: config.crew.map((member) => member.name),
    timeZone: config.business.time_zone,
    autoTexts: config.messages.auto,
  };
}

/** Who acts from this surface, with the workspace's rules. */
export function workspaceActor(config: WorkspaceConfig, surface: 'console' | 'cli'): JobActor {
  return { by: actorName(surface), rules: jobRulesOf(config) };
}
