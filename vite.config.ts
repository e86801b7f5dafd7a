import { reactRouter } from '@react-router/dev/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    target: 'es2022',
    // `.vite/manifest.json` in the client build: scripts/bundle-report.mjs reads it to size each route's JavaScript.
    manifest: true,
    // Rolldown's "JavaScript callbacks ran for 79% of this build" note fires whenever the machine is busy (a test
    // run, two builds at once); it names React Router's own plugins, which this project cannot change.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  environments: {
    // The server build's entry is the whole platform (GraphQL, Socket.IO, health) with the React Router app inside.
    // Per environment, as React Router's `v8_viteEnvironmentApi` requires; React Router reads `rollupOptions.input`
    // (Vite 8's alias of `rolldownOptions`), not the new name.
    ssr: { build: { rollupOptions: { input: './app/platform.server.ts' } } },
  },
  ssr: {
    // Load these from node_modules at run time instead of bundling them.
    external: [
      '@electric-sql/pglite',
      '@electric-sql/pglite-socket',
      'pg',
      '@prisma/adapter-pg',
      'pino',
      'socket.io',
      'redis',
      '@socket.io/redis-adapter',
      '@graphql-yoga/render-graphiql',
    ],
  },
  server: { watch: { ignored: ['**/data/**', '**/e2e/.data/**', '**/tmp/**'] } },
  plugins: [tailwindcss(), reactRouter()],
});
