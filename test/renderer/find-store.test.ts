import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The filters live in localStorage between sessions; a stand-in Storage (a Map) plays the
// browser's, since vitest runs in Node.
const saved = new Map<string, string>();
beforeEach(() => {
  vi.resetModules();
  saved.clear();
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (key: string) => saved.get(key) ?? null,
      setItem: (key: string, value: string) => void saved.set(key, value),
      removeItem: (key: string) => void saved.delete(key),
    },
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('find store', () => {
  it('keeps the search, filters and view for the next session', async () => {
    const { useFindStore, FIND_STORAGE_KEY } =
      await import('../../src/renderer/src/find/find-store');
    useFindStore.getState().setQuery('oak');
    useFindStore.getState().setDate('today');
    useFindStore.getState().setAssignee({ name: 'Tom S.' });
    useFindStore.getState().setView('day');
    const stored = JSON.parse(saved.get(FIND_STORAGE_KEY)!) as { state: Record<string, unknown> };
    expect(stored.state).toMatchObject({
      query: 'oak',
      date: 'today',
      assignee: { name: 'Tom S.' },
      view: 'day',
    });

    vi.resetModules();
    const again = await import('../../src/renderer/src/find/find-store');
    expect(again.useFindStore.getState()).toMatchObject({
      query: 'oak',
      date: 'today',
      view: 'day',
    });
  });

  it('keeps what it knows of a stored value, and no filter for the rest', async () => {
    saved.set(
      'qdn.find',
      JSON.stringify({
        state: { query: 42, date: 'week', status: 'lost', assignee: { name: 7 }, view: 'x' },
        version: 1,
      }),
    );
    const { useFindStore } = await import('../../src/renderer/src/find/find-store');
    expect(useFindStore.persist.hasHydrated()).toBe(true);
    expect(useFindStore.getState()).toMatchObject({
      query: '',
      date: 'week', // the one value it knows is kept
      status: 'all',
      assignee: 'all',
      view: 'board',
    });
  });
});
