// Forms with evidence files: read a multipart/form-data (or plain) request with @remix-run/form-data-parser,
// enforcing the limits while the body streams in (no file over MAX_EVIDENCE_BYTES is ever held whole, the request as
// a whole stops at MAX_UPLOAD_REQUEST_BYTES), and hand the files to the domain as EvidenceFile[].
//
// A broken limit is not a 500: it comes back as a ValidationError on the `files` field, for the action to pass to
// `attempt()` like any other domain error:
//
//   const upload = await readEvidenceForm(request);
//   const result = await attempt(async () => {
//     if (upload.error) throw upload.error;
//     return raiseIssue(ctx, parseForm(RaiseIssueSchema, upload.formData), upload.files);
//   }, { values: formValues(upload.formData) });
//
// When a file is too large or the request too big, parsing stops there: the form's other fields are lost (formData is
// then empty) and the message says to fill the form in again. The file field's script checks sizes in the browser first.
import {
  type FileUpload,
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from '@remix-run/form-data-parser';
import { ValidationError } from '../domain/errors.server';
import { EVIDENCE_FIELD, type EvidenceFile, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, MAX_UPLOAD_REQUEST_BYTES } from '../domain/evidence.server';

export type EvidenceForm = {
  /** The form's text fields (file fields are left out). Empty when parsing had to stop at a limit. */
  formData: FormData;
  /** The chosen files (empty file inputs are skipped). */
  files: EvidenceFile[];
  /** A limit that was broken, as a field error on `files`; null when the form was read whole. */
  error: ValidationError | null;
};

/** Most multipart parts (fields and files) a form may have; the issue forms have a couple of dozen at most. */
const MAX_PARTS = 200;
/** File parts beyond this many abort parsing; up to it, extra files are reported without losing the other fields. */
const HARD_MAX_FILES = MAX_EVIDENCE_FILES * 2;

const uploadError = (key: string, params: Record<string, number> = {}) =>
  ValidationError.field(EVIDENCE_FIELD, { key: `issuesEvidence.errors.${key}`, params });

/**
 * Read a form that may carry evidence files in the field `field` (default `files`). Files in other fields are
 * ignored. More than MAX_EVIDENCE_FILES files, or one over MAX_EVIDENCE_BYTES, give `error`.
 */
export async function readEvidenceForm(request: Request, { field = EVIDENCE_FIELD }: { field?: string } = {}): Promise<EvidenceForm> {
  const files: EvidenceFile[] = [];
  let extraFiles = 0;
  const onFile = async (upload: FileUpload) => {
    if (upload.fieldName !== field) return null;
    // A file input left empty still sends a part: no file name (the parser then says "file-upload"), no bytes.
    if (upload.size === 0 && (!upload.name || upload.name === 'file-upload')) return null;
    if (files.length >= MAX_EVIDENCE_FILES) {
      extraFiles++;
      return null;
    }
    const declared = upload.type && upload.type !== 'application/octet-stream' ? upload.type : undefined;
    files.push({ name: upload.name, declaredType: declared, bytes: new Uint8Array(await upload.arrayBuffer()) });
    return null;
  };
  let formData: FormData;
  try {
    formData = await parseFormData(
      request,
      { maxFiles: HARD_MAX_FILES, maxFileSize: MAX_EVIDENCE_BYTES, maxParts: MAX_PARTS, maxTotalSize: MAX_UPLOAD_REQUEST_BYTES },
      onFile,
    );
  } catch (error) {
    const mb = MAX_EVIDENCE_BYTES / (1024 * 1024);
    if (error instanceof MaxFileSizeExceededError) return { formData: new FormData(), files: [], error: uploadError('uploadTooLarge', { max: mb }) };
    if (error instanceof MaxTotalSizeExceededError) return { formData: new FormData(), files: [], error: uploadError('uploadTooLarge', { max: mb }) };
    if (error instanceof MaxFilesExceededError) {
      return { formData: new FormData(), files: [], error: uploadError('uploadTooMany', { max: MAX_EVIDENCE_FILES }) };
    }
    // Anything else the parser reports (malformed multipart, too many parts, a header too long) is the client's fault.
    if (error instanceof FormDataParseError || (error instanceof Error && /^Max\w+ExceededError$|^MultipartParseError$/.test(error.name))) {
      return { formData: new FormData(), files: [], error: uploadError('uploadFailed') };
    }
    throw error;
  }
  if (extraFiles > 0) {
    return { formData, files: [], error: uploadError('tooMany', { max: MAX_EVIDENCE_FILES, count: MAX_EVIDENCE_FILES }) };
  }
  return { formData, files, error: null };
}
