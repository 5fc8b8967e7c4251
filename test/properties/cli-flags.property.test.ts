import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/cli-error';
import { parseDeployCommand } from '../../src/cli/deploy-commands';
import { parseInboxCommand } from '../../src/cli/inbox-commands';
import { parseJobCommand } from '../../src/cli/job-commands';
import { parseReportCommand } from '../../src/cli/report-command';
import { parseSandboxCommand } from '../../src/cli/sandbox-command';
import { check } from './property-runs';

// `qdn` checks its whole command line before it opens a workspace. Whatever the flags: parsing
// either gives a command to run or refuses with a usage message (exit 2) — never a crash, and
// never output or a workspace touched while parsing (parsers are not even handed one).

const FLAGS = [
  'name',
  'address',
  'pickup',
  'pickup-end',
  'price',
  'currency',
  'phone',
  'email',
  'service',
  'notes',
  'archived',
  'from',
  'yes',
  'no-invalidate',
  'no-wait',
  'prune',
  'dry-run',
  'publish',
  'fix',
  'port',
  'workspace',
  'json',
  'help',
  'to',
  'csv',
  'status',
];
const word = fc.oneof(
  fc.constantFrom(...FLAGS).map((f) => `--${f}`),
  fc.tuple(fc.constantFrom(...FLAGS), fc.string({ maxLength: 8 })).map(([f, v]) => `--${f}=${v}`),
  fc.constantFrom(
    '-y',
    '-h',
    '--',
    '-',
    '---',
    '--=',
    'fcdc1c82cb284dbe',
    'en_route',
    '600',
    '2030-11-27T21:00:00Z',
  ),
  fc.string({ maxLength: 12 }),
);
const SUBS = [
  'add',
  'list',
  'show',
  'set-status',
  'quote',
  'archive',
  'versions',
  'restore',
  'ingest',
  'status',
  'stage',
  'plan',
  'promote',
  'rollback',
  'invalidate',
  'history',
  'edge',
  'doctor',
  'releases',
];
const argv = fc
  .tuple(
    fc.oneof(fc.constantFrom(...SUBS), fc.string({ maxLength: 8 })),
    fc.array(word, { maxLength: 8 }),
  )
  .map(([sub, rest]) => [sub, ...rest]);

/** What main reads before parsing: the business's zone (for typed pickup times). */
const CONTEXT = { timeZone: 'America/Chicago' };

const PARSERS = {
  job: parseJobCommand,
  deploy: parseDeployCommand,
  inbox: parseInboxCommand,
  sandbox: parseSandboxCommand,
  report: parseReportCommand,
} as const;

function isUsageRefusal(err: unknown): boolean {
  if (err instanceof UsageError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

describe('qdn command lines (properties)', () => {
  it.each(Object.keys(PARSERS) as (keyof typeof PARSERS)[])(
    'qdn %s: any flags give a command or a usage message, and print nothing while parsing',
    (name) =>
      check(
        fc.property(argv, (args) => {
          const print = vi.fn();
          let command: unknown;
          try {
            command = PARSERS[name](args, print, CONTEXT);
          } catch (err) {
            expect(isUsageRefusal(err), `qdn ${name} ${args.join(' ')} threw ${String(err)}`).toBe(
              true,
            );
            expect((err as Error).message.trim()).not.toBe('');
            expect((err as Error).message).not.toMatch(/\[object Object\]/);
            command = null;
          }
          if (command !== null) expect(typeof command).toBe('function');
          expect(print).not.toHaveBeenCalled();
        }),
      ),
  );

  // Found by the property above: names on Object.prototype once crashed the deploy parser.
  it.each(['valueOf', 'constructor', 'toString', '__proto__'])(
    'qdn deploy %s is a usage message, not a crash',
    (sub) => {
      let thrown: unknown;
      try {
        parseDeployCommand([sub], vi.fn());
      } catch (err) {
        thrown = err;
      }
      expect(isUsageRefusal(thrown)).toBe(true);
    },
  );

  it('qdn job add: any complete, valid set of flags, in any order, gives a command', () =>
    check(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() !== '' && !s.startsWith('-')),
        fc
          .string({ minLength: 1, maxLength: 60 })
          .filter((s) => s.trim() !== '' && !s.startsWith('-')),
        fc.date({ min: new Date('2026-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.boolean(),
        (name, address, pickup, price, reversed) => {
          const pairs = [
            [`--name`, name],
            [`--address`, address],
            [`--pickup`, pickup.toISOString()],
            [`--price`, String(price)],
          ];
          const flags = (reversed ? pairs.reverse() : pairs).flat();
          expect(typeof parseJobCommand(['add', ...flags], vi.fn(), CONTEXT)).toBe('function');
        },
      ),
    ));
});
