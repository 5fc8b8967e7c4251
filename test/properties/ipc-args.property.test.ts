import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CORE_METHODS, SHELL_METHODS } from '../../src/shared/api';
import type { CoreApi } from '../../src/shared/api';
import { coreArgs, shellArgs } from '../../src/shared/api-args';
import { answerCall } from '../../src/shared/call';
import { JOB_FIELDS } from '../../src/shared/jobs/job-edit';
import { JOB_STATUSES } from '../../src/shared/status-flow';
import { createCoreApi } from '../../src/core/console/core-api';
import { openWorkspace } from '../../src/core/workspace/open-workspace';
import { check } from './property-runs';

// The renderer is untrusted input. For every method of the contract, any arguments at all:
// the call never throws, a refusal is a bad_request with a message a person can read, and a
// refused call reaches no handler and changes nothing (not even the arguments it was given).

function spies(methods: readonly string[]) {
  return Object.fromEntries(methods.map((m) => [m, vi.fn(async () => 'done')]));
}

/** Anything JSON or structured clone can carry, with some near misses of real arguments. */
const hostileArgs = fc.oneof(
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.tuple(fc.stringMatching(/^[0-9a-fA-F]{15,17}$/), fc.string()),
  fc.tuple(fc.record({ customer_name: fc.string(), price: fc.oneof(fc.integer(), fc.double()) })),
  fc.tuple(fc.string({ maxLength: 2000 })),
);

function expectReadableRefusal(result: Awaited<ReturnType<typeof answerCall>>) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('bad_request');
  expect(result.error.message).toMatch(/^(Invalid input: |Unknown call ")/);
  expect(result.error.message.length).toBeLessThan(2000);
  expect(result.error.message).not.toMatch(/\[object Object\]|Invalid input: Invalid input/);
}

describe.each([
  ['core', CORE_METHODS as readonly string[], coreArgs],
  ['shell', SHELL_METHODS as readonly string[], shellArgs],
])('every %s IPC method, whatever its arguments (properties)', (_side, methods, schemas) => {
  it.each(methods)('%s never throws; a refusal is clear and changes nothing', (method) =>
    check(
      fc.asyncProperty(hostileArgs, async (args) => {
        const handlers = spies(methods);
        const before = structuredCloneOrSelf(args);
        const result = await answerCall(handlers, schemas as never, method, args);
        const handler = handlers[method]!;
        if (result.ok) {
          expect(handler).toHaveBeenCalledTimes(1);
        } else {
          expectReadableRefusal(result);
          expect(handler).not.toHaveBeenCalled();
        }
        for (const [name, other] of Object.entries(handlers)) {
          if (name !== method) expect(other).not.toHaveBeenCalled();
        }
        if (before.cloned) expect(args).toEqual(before.value);
      }),
      50,
    ),
  );

  it('refuses any method name outside the contract, reaching no handler', () =>
    check(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
        ),
        fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
        async (name, args) => {
          fc.pre(!methods.includes(name));
          const handlers = spies(methods);
          expectReadableRefusal(await answerCall(handlers, schemas as never, name, args));
          for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
        },
      ),
    ));
});

// The methods added for the job panel (issue 8), with arguments that nearly pass: typed values
// a person or a broken renderer might send. Through the real core over a real workspace: a
// refusal (by the IPC schema or by core's own rules) is a clear message and jobs.json keeps
// every byte; an accepted call saves a job that still parses.
const JOB_ID = fc.constantFrom('0000000000000000', 'fcdc1c82cb284dbe', 'ZZZ', '../jobs.json');
const fieldValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('1e3', '0x10', '-5', '+1 312 555 0142', '(312) 555-0142', '555 01', 'XYZ', 'usd'),
  fc.constantFrom('<img src=x onerror=alert(1)>', '{link}', '__proto__', ' ', ''),
  fc.constantFrom('2020-01-01T10:00:00Z', '2031-06-01T10:00:00Z', '2031-06-01T09:00:00Z'),
  fc.double(),
  fc.integer({ min: -10, max: 2_000_000 }),
  fc.constant(null),
  fc.anything({ maxDepth: 1 }),
);
const changes = fc.dictionary(
  fc.oneof(fc.constantFrom(...JOB_FIELDS), fc.constantFrom('status', 'job_id', '__proto__')),
  fieldValue,
  { maxKeys: 4 },
);
const jobPanelCall = fc.oneof(
  fc.tuple(
    fc.constant('editJob'),
    fc.tuple(
      JOB_ID,
      fc.record(
        {
          changes,
          base: fc.dictionary(fc.constantFrom(...JOB_FIELDS), fieldValue, { maxKeys: 3 }),
          allow_past_pickup: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        },
        { requiredKeys: ['changes'] },
      ),
    ),
  ),
  fc.tuple(
    fc.constant('setJobStatus'),
    fc.tuple(
      JOB_ID,
      fc.oneof(fc.constantFrom(...JOB_STATUSES), fc.string({ maxLength: 10 })),
      fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constant(' ')), { nil: undefined }),
    ),
  ),
  fc.tuple(fc.constantFrom('revokeJobLink', 'rotateJobLink'), fc.tuple(JOB_ID)),
);

describe('the job panel’s calls through the real core (properties)', () => {
  let dir: string;
  let api: CoreApi;
  const jobsFile = () => readFile(path.join(dir, 'data', 'jobs.json'), 'utf8');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'qdn-ipc-jobs-'));
    const ws = await openWorkspace(dir);
    api = createCoreApi(ws);
    // Mark's job id, so some calls reach a real job.
    const { job } = await api.createJob({
      customer_name: 'Mark',
      address: 'Soderblom Ave',
      pickup_date: '2031-06-01T10:00:00Z',
      price: 600,
    });
    const text = (await jobsFile()).replace(job.job_id, 'fcdc1c82cb284dbe');
    await writeFile(path.join(dir, 'data', 'jobs.json'), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses with a clear message and no change, or saves a job that still parses', () =>
    check(
      fc.asyncProperty(jobPanelCall, async ([method, args]) => {
        const before = await jobsFile();
        const result = await answerCall(api, coreArgs as never, method, args);
        if (result.ok) {
          expect((await api.listJobs()).length).toBe(1);
          return;
        }
        expect(['bad_request', 'not_found', 'invalid_transition', 'conflict']).toContain(
          result.error.code,
        );
        expect(result.error.message.trim()).not.toBe('');
        expect(result.error.message.length).toBeLessThan(2000);
        expect(result.error.message).not.toMatch(/\[object Object\]|undefined|Unexpected error/);
        expect(await jobsFile()).toBe(before);
      }),
      60,
    ));
});

function structuredCloneOrSelf(value: unknown): { cloned: boolean; value: unknown } {
  try {
    return { cloned: true, value: structuredClone(value) };
  } catch {
    return { cloned: false, value };
  }
}
