// Evidence files: what may be uploaded with an issue or a follow-up. Plain constants, safe for the browser (the file
// field shows them as hints); app/domain/evidence.server.ts enforces them.

/** At most this many bytes per file (10 MB). */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
/** At most this many files per issue, counting the issue's own and every follow-up's. */
export const MAX_EVIDENCE_FILES = 5;

export type EvidenceType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/plain';

/** The accepted types, each with the file-name extensions that may go with it (the first is the canonical one). */
export const EVIDENCE_TYPES: ReadonlyArray<{ contentType: EvidenceType; extensions: readonly string[]; label: string }> = [
  { contentType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  { contentType: 'image/png', extensions: ['png'], label: 'PNG' },
  { contentType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'], label: 'JPEG' },
  { contentType: 'text/plain', extensions: ['txt', 'text', 'log', 'md', 'csv'], label: 'TXT' },
];

/** The `accept` attribute of a file input for evidence. */
export const EVIDENCE_ACCEPT = EVIDENCE_TYPES.flatMap((t) => [t.contentType, ...t.extensions.map((e) => `.${e}`)]).join(',');

/**
 * The largest multipart request an evidence form may send: every file at its limit plus 1 MB of text fields. The
 * server refuses bigger bodies before reading them.
 */
export const MAX_UPLOAD_REQUEST_BYTES = MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 1024 * 1024;

/** Longest stored file name, in characters. */
export const MAX_EVIDENCE_NAME_LENGTH = 120;

/** A file size for people: "512 B", "34 KB", "2.5 MB" (units are the same in English and Russian UIs here). */
export function formatFileSize(bytes: number, locale = 'en'): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, kb))} KB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}
