// The core's process: Electron's utilityProcess runs this file (out/main/core-host.js, built by
// electron.vite.config.ts); tests and benches fork it with Node. src/main/core-process.ts is
// the other end.
import { serveCore } from './core-host';
import { hostLink } from './host-link';

const { kind, link } = hostLink();
const host = serveCore(link);

if (kind === 'fork') {
  // Electron ends a utility process with its parent; a Node child outlives a parent that was
  // killed, and would keep the local edge (and its record) up. So it closes and goes.
  process.once('disconnect', () => {
    void host.shutdown().finally(() => process.exit(0));
  });
}
