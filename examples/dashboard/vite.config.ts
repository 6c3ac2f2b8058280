// Vite build of the teacher dashboard: `npx vite build -c examples/dashboard/vite.config.ts` →
// build-dashboard/. 'pathwise' resolves to the compiled package (web/dist), as a user imports it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { pathwise: repo('web/dist/index.js') } },
  worker: { format: 'es' },
  build: { outDir: repo('build-dashboard'), emptyOutDir: true, target: 'es2022' },
  server: { fs: { allow: [repo('')] } },
});
