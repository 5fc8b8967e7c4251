import { phoneCountryOf } from '../../shared/phone';
import type { WorkspaceConfig } from '../config/workspace-config';
import { actorName } from './job-actor';
import type { JobActor } from './job-actor';
import type { JobRules } from './job-field-checks';

/** The checks a workspace's settings add to a job's fields: phone country, crew, time zone. */
export function jobRulesOf(config: WorkspaceConfig): JobRules {
  return {
    phoneCountry: phoneCountryOf(config.business.phone),
    crew: crewNames(config),
    timeZone: config.business.time_zone,
  };
}

/** Who acts from this surface, with the workspace's rules. */
export function workspaceActor(config: WorkspaceConfig, surface: 'console' | 'cli'): JobActor {
  return { by: actorName(surface), rules: jobRulesOf(config) };
}

/**
 * The crew's names. Read loosely: a config from before crews were kept has none, and a
 * member may be a bare name or `{ name, kind }`.
 */
function crewNames(config: WorkspaceConfig): string[] {
  const crew: unknown = (config as { crew?: unknown }).crew;
  if (!Array.isArray(crew)) return [];
  return crew.flatMap((member: unknown) => {
    if (typeof member === 'string') return [member];
    const name: unknown = (member as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}
