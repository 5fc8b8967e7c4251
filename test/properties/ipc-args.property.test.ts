import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { CORE_METHODS, SHELL_METHODS } from '../../src/shared/api';
import { coreArgs, shellArgs } from '../../src/shared/api-args';
import { answerCall } from '../../src/shared/call';
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

function structuredCloneOrSelf(value: unknown): { cloned: boolean; value: unknown } {
  try {
    return { cloned: true, value: structuredClone(value) };
  } catch {
    return { cloned: false, value };
  }
}
