import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**', 'tests/e2e-firefox/**'],
          environment: 'node',
          // A bound, not a measure: component tests rendering the whole glossary take 1–2 s here and
          // past 5 s on a machine whose two cores are busy with something else.
          testTimeout: 20_000,
          setupFiles: ['tests/support/dom-timeouts.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // A bound: room for a browser started twice (tests/support/browser.ts).
          hookTimeout: 90_000,
          // One browser at a time: the machines have 2 cores.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'firefox',
          include: ['tests/e2e-firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
