import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Build-time only (Node); type-checked by tsconfig.node.json, never part of the renderer bundle.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs work both from file:// (Electron) and from the serve HTTP server.
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Everything is emitted as files (CSP: style-src 'self', no data: scripts).
    assetsInlineLimit: 0,
    // Chromium supports modulepreload natively.
    modulePreload: { polyfill: false },
    // One local bundle (react + recharts) loaded from disk or loopback; size is not a network cost here.
    chunkSizeWarningLimit: 1500,
  },
});
