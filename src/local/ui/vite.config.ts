/** @module Local stack (preview page): Vite build of the React page the local server serves at `/`. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // slack-blocks-to-jsx brings react-markdown and an emoji table; one chunk is fine on localhost.
    chunkSizeWarningLimit: 2000,
  },
});
