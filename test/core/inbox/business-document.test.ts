import { describe, expect, it } from 'vitest';
import { startBookingRefresher } from '../../../src/core/inbox/booking-refresher';
import type { Workspace } from '../../../src/core/workspace/open-workspace';
import { BUSINESS_DOCUMENT_KEY } from '../../../src/shared/site-keys';
import { MemoryStore } from './memory-store';

/**
 * The tracking page names the business on a withdrawn link from `api/business.json`: the
 * console publishes it at start even where online booking is not set up (no uploader identity).
 */
describe('business document', () => {
  function awsWorkspace(prod: MemoryStore): Workspace {
    // Only what the refresher reads: the mode, the business and the prod site target.
    return {
      config: {
        mode: 'aws',
        region: 'us-east-1',
        business: { name: "Bob's Hauling", phone: '(555) 010-0777', time_zone: 'America/Chicago' },
      },
      sites: { prod },
    } as unknown as Workspace;
  }

  it('is published with the name, phone and zone, though booking is off', async () => {
    const prod = new MemoryStore();
    const warnings: string[] = [];
    const refresher = startBookingRefresher(awsWorkspace(prod), {
      edgeUrl: null,
      uploader: () => Promise.resolve(null),
      warn: (message) => warnings.push(message),
    });
    await refresher.ready;
    refresher.stop();
    const stored = await prod.get(BUSINESS_DOCUMENT_KEY);
    expect(JSON.parse(stored?.body.toString('utf8') ?? 'null')).toEqual({
      schema: 1,
      business: { name: "Bob's Hauling", phone: '(555) 010-0777', time_zone: 'America/Chicago' },
    });
    expect(stored?.contentType).toBe('application/json');
    expect(stored?.cacheControl).toMatch(/max-age=60/);
    // Booking stays off, and says why; no booking document is published.
    expect(warnings).toEqual([expect.stringContaining('no uploader identity')]);
    expect(prod.keys('api/')).toEqual([BUSINESS_DOCUMENT_KEY]);
  });

  it('a failed publish is a warning, never a crash of the console', async () => {
    const prod = new MemoryStore();
    prod.put = () => Promise.reject(new Error('AccessDenied: s3:PutObject'));
    const warnings: string[] = [];
    const refresher = startBookingRefresher(awsWorkspace(prod), {
      edgeUrl: null,
      uploader: () => Promise.resolve(null),
      warn: (message) => warnings.push(message),
    });
    await refresher.ready;
    refresher.stop();
    expect(warnings[0]).toBe(
      "The business's contact document was not published: AccessDenied: s3:PutObject",
    );
  });
});
