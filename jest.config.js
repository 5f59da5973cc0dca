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
  setupFilesAfterEnv: ['<rootDir>/tests/support/stop-threads.ts'],
};
