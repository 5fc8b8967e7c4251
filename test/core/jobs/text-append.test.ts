import { describe, expect, it } from 'vitest';
import { appendText } from '../../../src/core/jobs/text-append';
import type { TextRecord } from '../../../src/shared/messages/text-record';

// The 100-texts cap (src/core/jobs/text-append.ts) keeps every owed text; a reply past it is in
// test/core/jobs/text-inbound-changes.test.ts, a status change's text in text-intents.test.ts.

const owed = (id: string): TextRecord => ({
  id,
  direction: 'out',
  trigger: 'en_route',
  state: 'pending',
  at: '2031-04-01T02:00:00Z',
  to: '+13125550142',
});
const received = (i: number): TextRecord => ({
  id: `a${i.toString(16).padStart(15, '0')}`,
  direction: 'in',
  trigger: 'reply',
  state: 'received',
  at: '2031-04-01T03:00:00Z',
});

describe('appendText', () => {
  it('refuses in plain words rather than drop a text when all 100 are still owed', () => {
    const all = Array.from({ length: 100 }, (_, i) => owed(i.toString(16).padStart(16, '0')));
    expect(() => appendText(all, received(1))).toThrow(/100 texts waiting to go/);
  });
});
