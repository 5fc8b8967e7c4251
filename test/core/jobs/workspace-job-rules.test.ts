import { describe, expect, it } from 'vitest';
import { parseWorkspaceConfig } from '../../../src/core/config/workspace-config';
import { checkAssignee } from '../../../src/core/jobs/job-field-checks';
import { jobRulesOf } from '../../../src/core/jobs/workspace-job-rules';

// The crew a job may be assigned to comes from config.json as its schema reads it: every
// member `{ name, kind }`, none at all for a config from before crews were kept. A file that
// spells a member otherwise never gets this far, so the rules read the typed crew.

const configText = (fields: Record<string, unknown>) =>
  JSON.stringify({ mode: 'sandbox', business: { phone: '(312) 555-0100' }, ...fields });
const rulesOf = (fields: Record<string, unknown>) =>
  jobRulesOf(parseWorkspaceConfig(configText(fields), 'config.json').config);

describe('a workspace’s job rules', () => {
  it('take the crew’s names, in the crew’s spelling', () => {
    const rules = rulesOf({
      crew: [
        { name: 'Dana Whitfield', kind: 'driver' },
        { name: 'Truck 2', kind: 'truck' },
      ],
    });
    expect(rules.crew).toEqual(['Dana Whitfield', 'Truck 2']);
    expect(checkAssignee('dana whitfield', rules)).toBe('Dana Whitfield');
    expect(() => checkAssignee('Tom', rules)).toThrow(
      /not in the crew \(Dana Whitfield, Truck 2\)/,
    );
  });

  it('have no crew for a config written before crews were kept: any name is taken', () => {
    const rules = rulesOf({});
    expect(rules.crew).toEqual([]);
    expect(checkAssignee('Tom', rules)).toBe('Tom');
  });

  it('are never built from a crew member spelled as a bare name: the config is refused first', () => {
    expect(() => parseWorkspaceConfig(configText({ crew: ['Tom'] }), 'config.json')).toThrow(
      /config\.json is not a valid workspace config/,
    );
  });
});
