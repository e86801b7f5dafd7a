// The per-request Content-Security-Policy nonce. entry.server.tsx provides it; the root layout passes it to
// <Scripts> and <ScrollRestoration>. In the browser it is empty: a nonce matters only in the server's HTML (browsers
// hide the attribute's value from scripts anyway).
import { createContext, useContext } from 'react';

export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
