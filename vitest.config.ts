import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: these are deadlines for failures, not speed targets, and CI machines are sometimes shared.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Each test file creates its own PostgreSQL database, so files run in parallel safely.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
    // Expected failures still log at error level; info lines would drown the report.
    env: { LOG_LEVEL: 'warn' },
  },
});
