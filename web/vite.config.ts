// The officer console: `npm run build:web` writes web/dist, which the API serves at `/`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: true,
    rollupOptions: {
      // antd marks its modules "use client" (for React Server Components); a client bundle has nothing to keep.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npm run dev:web` against a running API.
  server: { proxy: { '/graphql': 'http://localhost:4000', '/files': 'http://localhost:4000', '/dev': 'http://localhost:4000', '/console-config.json': 'http://localhost:4000' } },
});
