import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { IngestResult } from '../../src/shared/inbox/inbox-api';

const listJobs = vi.fn<() => Promise<CallResult>>();
const ingestInbox = vi.fn<() => Promise<CallResult>>();
let hear: ((payload: IngestResult) => void) | null = null;
const onEvent = vi.fn((_name: string, listener: (payload: IngestResult) => void) => {
  hear = listener;
  return () => (hear = null);
});

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', { qdn: { listJobs, ingestInbox, onEvent } });
  listJobs.mockResolvedValue({ ok: true, value: [] });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetAllMocks();
  hear = null;
});

const item = (name: string) => ({
  key: `inbox/${name}.json`,
  job_id: '0123456789abcdef',
  customer_name: name,
});
const result = (over: Partial<IngestResult> = {}): IngestResult => ({
  created: [],
  confirmed: [],
  call_requested: [],
  rejected: [],
  warning: null,
  ...over,
});

describe('inbox store', () => {
  it('counts new requests for the badge, says what arrived once, and reloads the board', async () => {
    const { useInboxStore, describeIngest } =
      await import('../../src/renderer/src/inbox/inbox-store');
    const stop = useInboxStore.getState().listen();
    hear?.(result({ created: [item("Bob's Diner"), item('Mark')], confirmed: [item('Dana')] }));
    expect(useInboxStore.getState().newRequests).toBe(2);
    expect(useInboxStore.getState().toast).toBe(
      'Booking inbox: 2 new requests, 1 quote confirmed.',
    );
    expect(listJobs).toHaveBeenCalled();
    useInboxStore.getState().seen();
    expect(useInboxStore.getState().newRequests).toBe(0);
    expect(describeIngest(result())).toBeNull();
    stop();
    expect(hear).toBeNull();
  });

  it('keeps a failed pass as an error, not a toast', async () => {
    const { useInboxStore } = await import('../../src/renderer/src/inbox/inbox-store');
    ingestInbox.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: 'The data bucket is unreachable.' },
    });
    await useInboxStore.getState().ingest();
    expect(useInboxStore.getState().error).toBe('The data bucket is unreachable.');
    expect(useInboxStore.getState().toast).toBeNull();
  });
});
