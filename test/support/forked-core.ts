import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkCoreChild } from '../../src/main/forked-core-child';
import type { CoreChild } from '../../src/main/core-process';

/** The core's process entry, as TypeScript: forked with tsx, it stands in for out/main/core-host.js. */
export const CORE_HOST_ENTRY = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/core-host/index.ts',
);

/**
 * The core's process as a Node child running the sources: what Electron's utilityProcess runs
 * in the app (its runtime cannot be downloaded or run on the machines these tests run on).
 */
export function forkCoreFromSource(env: NodeJS.ProcessEnv = process.env): CoreChild {
  return forkCoreChild(CORE_HOST_ENTRY, { execArgv: ['--import', 'tsx'], env });
}
