// A field's error message as the domain reports it and every layer renders it: an i18n key, or a key with the values
// it names ("At least {min} characters"). Pure and type-only, so forms in the browser, GraphQL and sockets share it.

export type MessageParams = Record<string, string | number>;

/** An i18n key, or a key with its parameters when the message names any (a length limit, a similar name). */
export type FieldMessage = string | { key: string; params?: MessageParams };

/** Field errors by dotted field path ("links.0"), or `_form` for the input as a whole. */
export type FieldErrors = Record<string, FieldMessage[]>;

/**
 * The arguments to translate a message with: `t(...messageArgs(m))` in a page, `translate(locale, ...messageArgs(m))`
 * on the server. `shared` are parameters of the whole error (a SimilarNameError's name); the message's own win.
 */
export function messageArgs(message: FieldMessage, shared?: MessageParams): [string, MessageParams | undefined] {
  if (typeof message === 'string') return [message, shared];
  return [message.key, shared || message.params ? { ...shared, ...message.params } : undefined];
}

/** The message's i18n key, without its parameters. */
export const messageKey = (message: FieldMessage) => (typeof message === 'string' ? message : message.key);
