import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));

/** The admin app: sources in src/admin, served by Concord under /admin from dist/admin. */
export default defineConfig({
  root: 'src/admin',
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/admin`,
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // React, the router, the query cache and i18next in a chunk of their own: the login screen
        // needs them but not the component library, which would otherwise share their chunk.
        manualChunks(id) {
          if (
            /node_modules\/(react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next|dayjs)\//.test(
              id,
            )
          )
            return 'core';
          return undefined;
        },
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://127.0.0.1:3000' } },
  },
});
