import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// scripts/core-imports.js reads every import in src/ and site/ (a real walk of the tree): the
// lint fence keeps core's floors, this keeps the whole house free of circles.
describe('the import graph', () => {
  it('has no circles, and no two core folders import each other', async () => {
    const { stdout } = await promisify(execFile)('node', ['scripts/core-imports.js']);
    expect(stdout).toContain('pairs importing each other: 0');
    expect(stdout).toContain('import circles: 0');
  });
});
