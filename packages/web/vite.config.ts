import { defineConfig, type PluginOption } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** The rule catalogues (roles, org types, categories, fields, acts) come from the one source, @hutong/core (pure TS, no deps). */
const coreEntry = fileURLToPath(new URL('../core/src/index.ts', import.meta.url));

/** The API the dev and preview servers forward /api to (the Hutong server; a mock in browser tests). */
const apiTarget = process.env.HUTONG_API ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  // @vitejs/plugin-react is hoisted beside the root's vite 8 and types itself against it; this package builds with vite 7.
  plugins: [react() as unknown as PluginOption],
  resolve: { alias: { '@hutong/core': coreEntry } },
  server: { proxy, host: '127.0.0.1' },
  preview: { proxy, host: '127.0.0.1' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // React and ECharts as long-lived vendor chunks. antd is left to follow the pages that use
        // it, so the login page does not wait for the Table, TreeSelect and DatePicker code.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/.test(id)) return 'echarts';
          if (/[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
});
