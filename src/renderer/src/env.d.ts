/// <reference types="vite/client" />
import type { QdnBridge } from '../../shared/api';

declare global {
  interface Window {
    /** The one bridge to the app (Electron preload, or the browser harness); call it via qdn.ts. */
    qdn: QdnBridge;
  }
}
