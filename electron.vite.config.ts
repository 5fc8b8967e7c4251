import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The core runs in its own process (Electron's utilityProcess), from core-host.js beside
        // index.js: src/main/index.ts forks it.
        input: {
          index: resolve('src/main/index.ts'),
          'core-host': resolve('src/core-host/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require nothing but `electron`: bundle every dependency into
      // one CommonJS file (sandboxed preloads cannot be ES modules).
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') },
      // electron-vite leaves every bundle unminified; the renderer is the one that is parsed on
      // each window load (about a third of the bytes once minified).
      minify: true,
      cssMinify: true,
      // One window, loaded from disk: a single chunk is what we want; warn only past this.
      chunkSizeWarningLimit: 1000,
    },
    plugins: [react()],
  },
});
