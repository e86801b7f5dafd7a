import type { Config } from '@react-router/dev/config';

export default {
  ssr: true,
  // IC_BUILD_DIR lets two builds share a checkout (server.js reads the same variable).
  buildDirectory: process.env.IC_BUILD_DIR ?? 'build',
  future: {},
} satisfies Config;
