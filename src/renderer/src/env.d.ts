/// <reference types="vite/client" />
import type { QdnApi } from '../../shared/api';

declare global {
  interface Window {
    /** The one bridge to the app (Electron preload, or the browser harness). */
    qdn: QdnApi;
  }
}
