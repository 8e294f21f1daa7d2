import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const backend = process.env.HOTLINE_BACKEND ?? 'http://localhost:8080';
const proxied = ['/api', '/docs', '/openapi.json', '/healthz'];

// Vite 8 transforms TSX with oxc; no React plugin is needed for the automatic JSX runtime.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // antd marks its modules "use client" (for React Server Components); harmless in a browser bundle.
      onwarn(warning, defaultHandler) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        defaultHandler(warning);
      },
      // @hotline/shared's modules only declare constants and schemas: let unused ones (and zod) be dropped.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) && !id.includes('node_modules/zod') },
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-') || id.includes('node_modules/@rc-component')) return 'antd';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((p) => [p, { target: backend, changeOrigin: true, ws: p === '/api' }])),
  },
  preview: { port: 4173 },
});
