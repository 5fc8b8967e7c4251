import { deployerName } from '../ids/deployer-name';
import type { JobRules } from './job-field-checks';

/**
 * Who makes a change and the workspace's rules it is checked against. `by` is what history
 * shows ("ana@dispatch-laptop (console)", as deploys name their deployer), ≤ 100 characters.
 */
export interface JobActor {
  by?: string;
  rules?: JobRules;
}

export function actorName(surface: 'console' | 'cli'): string {
  return deployerName(surface).slice(0, 100);
}
