import type { Clipboard } from 'electron';
import type { ShellApi } from '../shared/api';

/** The calls only the desktop shell can answer. */
export function createShellApi(clipboard: Pick<Clipboard, 'writeText'>): ShellApi {
  return {
    copyText: async (text) => clipboard.writeText(text),
  };
}
