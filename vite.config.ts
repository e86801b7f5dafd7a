import { reactRouter } from '@react-router/dev/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';

export default defineConfig(({ isSsrBuild }) => ({
  build: {
    // The server build's entry is the whole platform (GraphQL, Socket.IO, health) with the React Router app inside.
    rollupOptions: isSsrBuild ? { input: './app/platform.server.ts' } : undefined,
    target: 'es2022',
  },
  ssr: {
    // Load these from node_modules at run time instead of bundling them.
    external: ['@electric-sql/pglite', '@electric-sql/pglite-socket', 'pg', '@prisma/adapter-pg', 'pino', 'socket.io', 'redis', '@socket.io/redis-adapter', '@graphql-yoga/render-graphiql'],
  },
  server: { watch: { ignored: ['**/data/**', '**/e2e/.data/**', '**/tmp/**'] } },
  plugins: [tailwindcss(), reactRouter()],
}));
