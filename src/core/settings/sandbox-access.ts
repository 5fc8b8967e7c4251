import type { AccessCheck } from '../../shared/settings/settings-api';
import { errorMessage } from '../../shared/errors';
import type { ObjectStore } from '../storage/object-store';
import { SITE_HEALTH_KEY } from '../../shared/site-keys';

/** What Check access probes on the sandbox: its three folders and the local edge. */
export interface SandboxStores {
  data: ObjectStore;
  sites: { staging: ObjectStore; prod: ObjectStore };
  publicSite(): Promise<{ url: string; running: boolean }>;
}

/**
 * One fixed probe key per store: a versioned folder keeps a copy of what it deletes, so a
 * fixed key leaves at most one such copy however often Check access runs.
 */
export const SANDBOX_PROBE_KEY = '.qdn-access-check/probe';

const EDGE_TIMEOUT_MS = 3000;

/**
 * Check access on the sandbox: each folder that stands for a bucket is really written, read
 * back and cleaned up, and the local edge customers' links point at really answers.
 */
export async function checkSandboxAccess(ws: SandboxStores): Promise<AccessCheck[]> {
  const checks = await Promise.all([
    probeFolder(ws.data, 'Save jobs and receive bookings'),
    probeFolder(ws.sites.staging, 'Stage a release of the site'),
    probeFolder(ws.sites.prod, "Publish customers' tracking pages"),
  ]);
  checks.push(await checkEdge(ws));
  return checks;
}

async function probeFolder(store: ObjectStore, purpose: string): Promise<AccessCheck> {
  const check = { resource: store.location, purpose, action: 'write, read and delete a file' };
  const body = `qdn access check ${new Date().toISOString()}\n`;
  try {
    await store.put(SANDBOX_PROBE_KEY, body);
    const read = await store.get(SANDBOX_PROBE_KEY);
    await store.delete(SANDBOX_PROBE_KEY);
    if (read?.body.toString() !== body) {
      return {
        ...check,
        ok: false,
        detail: 'A file written there read back different.',
        grant: null,
      };
    }
    return { ...check, ok: true, detail: 'Readable and writable.', grant: null };
  } catch (err) {
    return {
      ...check,
      ok: false,
      detail: `The folder cannot be used: ${errorMessage(err)}`,
      grant: null,
    };
  }
}

async function checkEdge(ws: SandboxStores): Promise<AccessCheck> {
  const { url, running } = await ws.publicSite();
  const health = new URL(`/${SITE_HEALTH_KEY}`, url).toString();
  const check = { resource: health, purpose: 'Show customers their tracking page', action: 'GET' };
  if (!running) {
    return {
      ...check,
      ok: false,
      detail: 'The local edge is not running: start the console or `qdn sandbox`.',
      grant: null,
    };
  }
  try {
    const res = await fetch(health, { signal: AbortSignal.timeout(EDGE_TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok
      ? { ...check, ok: true, detail: `The local edge answers at ${url}.`, grant: null }
      : {
          ...check,
          ok: false,
          detail: `The local edge answered ${res.status}: deploy the site from the Deploy panel.`,
          grant: null,
        };
  } catch (err) {
    return {
      ...check,
      ok: false,
      detail: `The local edge at ${url} did not answer: ${errorMessage(err)}`,
      grant: null,
    };
  }
}
