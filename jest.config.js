/**
 * NestJS 12 ships as ES modules. Node runs them from our CommonJS code through require(esm),
 * but Jest's module loader cannot (before Node 24.9), so Jest compiles those packages to
 * CommonJS with ts-jest instead.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }],
    '^.+\\.[cm]?js$': [
      '<rootDir>/test/esm-to-cjs.transformer.js',
      { tsconfig: 'tsconfig.jest.json', diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@scarf)/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60000,
};
