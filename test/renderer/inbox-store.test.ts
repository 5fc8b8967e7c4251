import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../src/shared/api';
import type { IngestResult } from '../../src/shared/inbox/inbox-api';

const listJobs = vi.fn<() => Promise<CallResult>>();
const ingestInbox = vi.fn<() => Promise<CallResult>>();
const listReview = vi.fn<() => Promise<CallResult>>();
const acceptSubmission = vi.fn<(id: string) => Promise<CallResult>>();
const dismissSubmission = vi.fn<(id: string) => Promise<CallResult>>();
let hear: ((payload: IngestResult) => void) | null = null;
const onEvent = vi.fn((_name: string, listener: (payload: IngestResult) => void) => {
  hear = listener;
  return () => (hear = null);
});

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('window', {
    qdn: { listJobs, ingestInbox, listReview, acceptSubmission, dismissSubmission, onEvent },
  });
  listJobs.mockResolvedValue({ ok: true, value: [] });
  listReview.mockResolvedValue({ ok: true, value: [] });
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
  possible_spam: [],
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

  it('says what waits for review and loads the list when a pass held or rejected something', async () => {
    const { useInboxStore, describeIngest } =
      await import('../../src/renderer/src/inbox/inbox-store');
    const held = { key: 'inbox/new/s.json', reason: 'Possible spam: …' };
    expect(describeIngest(result({ possible_spam: [held], rejected: [held] }))).toBe(
      'Booking inbox: 1 possible spam request to review, 1 submission rejected.',
    );
    listReview.mockResolvedValueOnce({ ok: true, value: [REVIEW_ITEM] });
    const stop = useInboxStore.getState().listen();
    hear?.(result({ possible_spam: [held] }));
    await vi.waitFor(() => expect(useInboxStore.getState().review).toEqual([REVIEW_ITEM]));
    stop();
  });

  it('accepts once however often it is clicked, then takes the item off the list', async () => {
    const { useInboxStore } = await import('../../src/renderer/src/inbox/inbox-store');
    useInboxStore.setState({ review: [REVIEW_ITEM] });
    acceptSubmission.mockResolvedValue({
      ok: true,
      value: {
        id: 'held/s.json',
        job_id: '0123456789abcdef',
        customer_name: 'Dana',
        already: false,
      },
    });
    await Promise.all([
      useInboxStore.getState().accept('held/s.json'),
      useInboxStore.getState().accept('held/s.json'),
    ]);
    expect(acceptSubmission).toHaveBeenCalledTimes(1);
    expect(useInboxStore.getState().reviewMessage).toBe('Dana is on the board, in Requested.');
    expect(useInboxStore.getState().busy).toEqual([]);
    expect(listJobs).toHaveBeenCalled();
  });

  it('says why an accept failed and keeps the item listed', async () => {
    const { useInboxStore } = await import('../../src/renderer/src/inbox/inbox-store');
    useInboxStore.setState({ review: [REVIEW_ITEM] });
    listReview.mockResolvedValue({ ok: true, value: [REVIEW_ITEM] });
    acceptSubmission.mockResolvedValue({
      ok: false,
      error: { code: 'bad_request', message: 'It has no name.' },
    });
    await useInboxStore.getState().accept('held/s.json');
    expect(useInboxStore.getState().reviewMessage).toBe('Could not accept it: It has no name.');
    await vi.waitFor(() => expect(useInboxStore.getState().review).toEqual([REVIEW_ITEM]));
  });
});

const REVIEW_ITEM = {
  id: 'held/s.json',
  kind: 'possible_spam' as const,
  reason: 'Possible spam: it was sent under a second after the page opened.',
  submitted_at: '2026-11-28T14:59:00Z',
  fields: { name: 'Dana' },
  cannot_accept: null,
};
