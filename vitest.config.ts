import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests start a Discord-protocol server and real clients; give them room on
    // a loaded two-core machine. No test asserts on timing.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default', ['json', { outputFile: 'node_modules/.cache/newsdesk/test-report.json' }]],
  },
});
