import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 60_000,
    // expect.poll waits for a browser or a server to answer; on a loaded machine 1 s (the default) is not enough.
    expect: { poll: { timeout: 15_000 } },
  },
});
