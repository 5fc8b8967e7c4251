import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { answerCall } from '../../src/shared/call';
import { errorMessage } from '../../src/shared/errors';

describe('errorMessage', () => {
  it.each([
    ['an Error', new Error('disk full'), 'disk full'],
    ['an Error without a message', new TypeError(''), 'TypeError'],
    ['a string', 'edge would not stop', 'edge would not stop'],
    ['an error-like object', { message: 'AccessDenied', code: 403 }, 'AccessDenied'],
    ['a plain object', { code: 'EACCES' }, '{"code":"EACCES"}'],
    ['a number', 42, '42'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
    ['a BigInt', 10n, '10'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
  ])('reads %s', (_label, thrown, text) => {
    expect(errorMessage(thrown)).toBe(text);
  });

  it('names a cyclic object instead of throwing itself', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorMessage(cyclic)).toBe('[object Object]');
  });
});

describe('an unexpected failure inside a call', () => {
  it.each([
    ['a string', 'disk gone', 'Unexpected error: disk gone'],
    ['an error-like object', { message: 'AccessDenied' }, 'Unexpected error: AccessDenied'],
    ['a plain object', { code: 'EIO' }, 'Unexpected error: {"code":"EIO"}'],
  ])('reaches the caller readable when the handler throws %s', async (_label, thrown, message) => {
    // Non-Error rejections on purpose: that is what the helper is for.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const handlers = { listJobs: () => Promise.reject(thrown) };
    const schemas = { listJobs: z.tuple([]) };
    expect(await answerCall(handlers, schemas, 'listJobs', [])).toEqual({
      ok: false,
      error: { code: 'internal', message },
    });
  });
});
