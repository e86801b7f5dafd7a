// The file field of the issue forms: up to MAX_EVIDENCE_FILES files (fewer when the issue has some already), with the
// accepted types and limits as its hint. The server decides (type from the content, size, count); with JavaScript the
// field also checks sizes and count as files are chosen, so a form is not sent only to be refused, and lists them.
import { useId, useState } from 'react';
import { EVIDENCE_ACCEPT, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, formatFileSize } from '../domain/evidence-limits';
import type { FormErrors } from '../web/forms';
import { messageArgs } from '../web/forms';
import { useT } from '../web/i18n';
import { fieldAnchor } from './ui';

export function IssueEvidenceField({
  errors,
  name = 'files',
  label,
  existingCount = 0,
  className,
}: {
  errors?: FormErrors;
  name?: string;
  label?: string;
  /** Files the issue has already (its own and earlier follow-ups'): the limit counts them. */
  existingCount?: number;
  className?: string;
}) {
  const t = useT();
  const id = useId();
  const [chosen, setChosen] = useState<{ name: string; size: number }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const remaining = Math.max(0, MAX_EVIDENCE_FILES - existingCount);
  const maxMb = MAX_EVIDENCE_BYTES / (1024 * 1024);
  const messages = errors?.fieldErrors?.[name] ?? [];
  const invalid = messages.length > 0 || problem !== null;
  const inputId = messages.length ? fieldAnchor(name) : `${id}-input`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const chosenId = `${id}-chosen`;

  if (remaining === 0) {
    return (
      <div className={className}>
        <p className="text-sm font-medium text-slate-900">{label ?? t('issuesEvidence.field.label')}</p>
        <p className="mt-1 text-sm text-slate-600">{t('issuesEvidence.field.full', { max: MAX_EVIDENCE_FILES })}</p>
      </div>
    );
  }

  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    setChosen(files.map((f) => ({ name: f.name, size: f.size })));
    const tooLarge = files.find((f) => f.size > MAX_EVIDENCE_BYTES);
    const message =
      files.length > remaining
        ? t('issuesEvidence.errors.tooMany', { max: MAX_EVIDENCE_FILES, count: remaining })
        : tooLarge
          ? t('issuesEvidence.errors.tooLarge', { name: tooLarge.name, max: maxMb })
          : null;
    // The browser then refuses to send the form and says why, at the field.
    input.setCustomValidity(message ?? '');
    setProblem(message);
  };

  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-900">
        {label ?? t('issuesEvidence.field.label')}
      </label>
      <input
        id={inputId}
        name={name}
        type="file"
        multiple={remaining > 1}
        accept={EVIDENCE_ACCEPT}
        onChange={onChange}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={[hintId, invalid ? errorId : null, chosen.length ? chosenId : null].filter(Boolean).join(' ')}
        data-testid="evidence-input"
        className={
          'mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-brand-800 ' +
          (invalid ? 'border-red-600' : 'border-slate-400')
        }
      />
      <p id={hintId} className="mt-1 text-sm text-slate-600">
        {t('issuesEvidence.field.hint', { max: maxMb, count: remaining })}
      </p>
      {invalid ? (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {problem ?? messages.map((m) => t(...messageArgs(m))).join(' ')}
        </p>
      ) : null}
      <p id={chosenId} aria-live="polite" className="mt-1 text-sm text-slate-700">
        {chosen.length ? t('issuesEvidence.field.chosen', { files: chosen.map((f) => `${f.name} (${formatFileSize(f.size, t.locale)})`).join(', ') }) : null}
      </p>
    </div>
  );
}
