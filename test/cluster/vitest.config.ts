import { defineConfig } from 'vitest/config';

/** The cluster test alone (`npm run test:cluster`): it starts scripts/cluster, so it is not in `npm test`. */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { LOG_LEVEL: 'silent', NODE_ENV: 'test' },
  },
});
