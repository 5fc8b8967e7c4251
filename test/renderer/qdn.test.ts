import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import { QdnError } from '../../src/shared/errors';

// window.qdn is what the preload exposes; here a stand-in answers as the real one does
// (a CallResult per call), so the renderer's side of the contract can be checked in Node.
const listJobs = vi.fn<() => Promise<CallResult>>();
const copyText = vi.fn<(text: string) => Promise<CallResult>>();

const onEvent = vi.fn<(name: string, listener: (payload: unknown) => void) => () => void>();

beforeEach(() => {
  vi.stubGlobal('window', { qdn: { listJobs, copyText, onEvent } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
});

describe("the renderer's qdn", () => {
  it('returns the value of a call that succeeded', async () => {
    listJobs.mockResolvedValueOnce({ ok: true, value: [] });
    const { qdn } = await import('../../src/renderer/src/qdn');
    await expect(qdn.listJobs()).resolves.toEqual([]);
  });

  it('throws a failed call as a QdnError with its code and message', async () => {
    copyText.mockResolvedValueOnce({
      ok: false,
      error: { code: 'jobs_file_invalid', message: 'jobs.json cannot be used.' },
    });
    const { qdn } = await import('../../src/renderer/src/qdn');
    const err = await qdn.copyText('x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QdnError);
    expect(err).toMatchObject({ code: 'jobs_file_invalid', message: 'jobs.json cannot be used.' });
    expect(copyText).toHaveBeenCalledWith('x');
  });

  it("passes onEvent to the bridge's and returns its unsubscribe", async () => {
    const unsubscribe = vi.fn();
    onEvent.mockReturnValueOnce(unsubscribe);
    const { qdn } = await import('../../src/renderer/src/qdn');
    const listener = vi.fn();
    expect(qdn.onEvent('deployProgress', listener)).toBe(unsubscribe);
    expect(onEvent).toHaveBeenCalledExactlyOnceWith('deployProgress', listener);
  });
});
