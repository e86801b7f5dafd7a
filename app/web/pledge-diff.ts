// The shape of a text difference as the pages receive it (computed on the server with jsdiff; see pledges.server.ts).
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };
