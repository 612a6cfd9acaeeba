/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = process.env.API_URL ?? 'http://localhost:5080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    // The page's own Host goes through (changeOrigin: false): the API's CSRF guard compares the browser's
    // Origin (http://localhost:5173) with the Host it receives, so rewriting the Host refuses every write.
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/hubs': { target: api, ws: true, changeOrigin: false },
      '/health': api,
      '/openapi': api,
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
});
