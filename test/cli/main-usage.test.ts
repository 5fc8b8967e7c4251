import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('qdn command names', () => {
  it.each(['valueOf', 'constructor', '__proto__', 'toString', 'launch'])(
    'qdn %s is an unknown command (exit 2, one line), never a crash',
    async (name) => {
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      expect(await main([name])).toBe(2);
      expect(stderr).toHaveBeenCalledTimes(1);
      expect(String(stderr.mock.calls[0]![0])).toBe(`qdn: unknown command "${name}"\n`);
    },
  );
});
