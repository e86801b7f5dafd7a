// Any address no other route matches. Matching it (instead of matching nothing) lets the root loader run first, so
// the 404 page, rendered by the root ErrorBoundary, keeps the reader's language and account.
import { data } from 'react-router';

export function loader(): never {
  throw data(null, { status: 404, statusText: 'Not Found' });
}

export function action(): never {
  throw data(null, { status: 404, statusText: 'Not Found' });
}

// Never rendered (the loader always throws), but a route with a component is a page, not a resource route, so the
// error is rendered as HTML.
export default function NotFound() {
  return null;
}
