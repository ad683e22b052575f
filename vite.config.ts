import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the client build and all test projects.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
      '/yjs': { target: 'ws://localhost:3000', ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node' } },
      { extends: true, test: { name: 'component', include: ['tests/component/**/*.test.tsx'], environment: 'jsdom' } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/buildServer.globalSetup.ts'], environment: 'node', testTimeout: 30000, hookTimeout: 30000 } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/buildServer.globalSetup.ts'], environment: 'node', testTimeout: 90000, hookTimeout: 90000, fileParallelism: false } },
    ],
  },
});
