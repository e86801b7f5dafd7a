// The Content-Security-Policy of every page. Scripts run only from this origin or with the request's nonce (React
// Router's inline hydration scripts carry it); nothing may frame the site, post forms elsewhere or change <base>.
// GraphiQL at /graphql is served by Yoga with its own page, outside React Router, and does not get this header.
import { randomBytes } from 'node:crypto';

export const createNonce = () => randomBytes(16).toString('base64');

export function contentSecurityPolicy(nonce: string | undefined, { host, development = false }: { host?: string; development?: boolean } = {}) {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", nonce ? `'nonce-${nonce}'` : "'unsafe-inline'"],
    // Stylesheets come from this origin only. Inline style *attributes* stay allowed: React renders some (sizes,
    // chart geometry) and an attribute cannot run script. Vite injects <style> elements while developing.
    'style-src': ["'self'", ...(development ? ["'unsafe-inline'"] : [])],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    // Socket.IO's WebSocket goes to this same host; named explicitly for browsers whose 'self' does not cover ws:.
    'connect-src': ["'self'", ...(development ? ['ws:', 'wss:'] : host ? [`ws://${host}`, `wss://${host}`] : [])],
    'object-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
