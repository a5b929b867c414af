import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

/**
 * The web app (src/web) builds into dist/web, which the server serves with an SPA fallback.
 * `npm run dev:web` proxies the API to a server started with `npm run dev` on port 3000.
 * The manifest (dist/web/.vite/manifest.json) lets test/e2e/bundle.test.ts hold the sign-in
 * route to its size budget.
 */
export default defineConfig(({ command, mode }) => {
  // A build is a production build even when started from a process with NODE_ENV=test (vitest
  // runs scripts/ensure-web-build.mjs for the browser tests): React, the JSX transform and antd
  // would otherwise ship their development code. Vite reads NODE_ENV after loading this file.
  if (command === 'build' && mode === 'production') process.env.NODE_ENV = 'production';
  return config;
});

const config: UserConfig = {
  root: 'src/web',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    manifest: true,
    // antd's shared chunk is large by nature; it is split by route and cached immutably.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
};
