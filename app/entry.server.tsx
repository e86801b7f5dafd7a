// Server rendering (React Router's default for Node) plus what every page response needs: a Content-Security-Policy
// with a fresh nonce per request, the nonce on React Router's and React's inline scripts, and logging through the
// app's logger.
import { PassThrough } from 'node:stream';
import { createReadableStreamFromReadable } from '@react-router/node';
import { isbot } from 'isbot';
import { type RenderToPipeableStreamOptions, renderToPipeableStream } from 'react-dom/server';
import { type EntryContext, type HandleErrorFunction, ServerRouter, isRouteErrorResponse } from 'react-router';
import { services } from './services.server';
import { contentSecurityPolicy, createNonce } from './web/csp.server';
import { NonceContext } from './web/nonce';

export const streamTimeout = 5_000;

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, routerContext: EntryContext) {
  // While developing there is no nonce: the browser hides a nonce's value from the DOM, so React's development build
  // would report every nonce attribute as a hydration mismatch. Development allows inline scripts instead.
  const development = import.meta.env.DEV;
  const nonce = development ? undefined : createNonce();
  responseHeaders.set('Content-Security-Policy', contentSecurityPolicy(nonce, { host: new URL(request.url).host, development }));

  // https://httpwg.org/specs/rfc9110.html#HEAD
  if (request.method.toUpperCase() === 'HEAD') return new Response(null, { status: responseStatusCode, headers: responseHeaders });

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const userAgent = request.headers.get('user-agent');
    // Crawlers get the whole page at once; people get the shell as soon as it is ready.
    const readyOption: keyof RenderToPipeableStreamOptions = (userAgent && isbot(userAgent)) || routerContext.isSpaMode ? 'onAllReady' : 'onShellReady';
    let timeoutId: ReturnType<typeof setTimeout> | undefined = setTimeout(() => abort(), streamTimeout + 1000);

    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyOption]() {
          shellRendered = true;
          const body = new PassThrough({
            final(callback) {
              clearTimeout(timeoutId);
              timeoutId = undefined;
              callback();
            },
          });
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          pipe(body);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell rejects above and React Router logs them; later ones only surface here.
          if (shellRendered) logError(error, request);
        },
      },
    );
  });
}

/**
 * Client-side navigations and form submissions fetch `<path>.data`. An expected outcome of a form (a wrong password,
 * a mistyped confirmation: 4xx with the errors in the action's data) would make the browser log "Failed to load
 * resource" for that fetch, as if something had broken. The router reads the outcome from the payload, so such
 * responses travel as 200 with the real status in `X-IC-Status`; documents (no JavaScript) keep their real status.
 */
export function handleDataRequest(response: Response) {
  if (response.status < 400 || response.status >= 500 || !response.headers.has('X-Remix-Response')) return response;
  const headers = new Headers(response.headers);
  headers.set('X-IC-Status', String(response.status));
  return new Response(response.body, { status: 200, headers });
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // A visitor who navigated away aborts the request: nothing went wrong.
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logError(error, request);
};

function logError(error: unknown, request: Request) {
  const path = new URL(request.url).pathname;
  try {
    services().logger.error({ err: error, method: request.method, path }, 'Error while handling a page request');
  } catch {
    console.error(error);
  }
}
