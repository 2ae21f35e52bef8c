import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Resolve paths from this file, so the build lands in apps/web/dist whatever the working directory.
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is large; every route is its own chunk, so only the shared vendor chunk is big.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    // Keep the browser's Host header (no changeOrigin) so the server's same-origin/CSRF check still matches.
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
  preview: {
    proxy: { '/api': { target: 'http://localhost:3000' } },
  },
});
