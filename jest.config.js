/** Jest runs the TypeScript sources as native ES modules (vega and vega-lite are ESM-only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 120000,
  maxWorkers: 2,
  // A worker past 600 MB after a test file is replaced. Such large workers were slow to end, and Jest
  // killed one at the end of most whole runs ("failed to exit gracefully": 3 of 5 runs before, none
  // of 4 since).
  workerIdleMemoryLimit: '600MB',
  setupFilesAfterEnv: ['<rootDir>/tests/support/stop-threads.ts'],
};
