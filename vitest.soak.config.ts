import { defineConfig } from 'vitest/config';

// `npm run test:soak`: long runs that `npm test` keeps short (the crash test: 200 kills instead of 20).
export default defineConfig({
  test: {
    include: ['test/**/*.soak.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30 * 60_000,
    hookTimeout: 60_000,
  },
});
