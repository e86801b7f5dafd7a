// What changed between two versions of a pledge's text, word by word: inserted words in <ins>, removed ones in <del>,
// told apart by colour, by underline or strike-through, and (for screen readers) by words at each change's edges.
import type { DiffPart } from '../web/pledge-diff';
import { useT } from '../web/i18n';

export function PledgeDiff({ parts, from, to }: { parts: DiffPart[] | null; from: number; to: number }) {
  const t = useT();
  const changed = parts?.some((p) => p.kind !== 'same') ?? true;
  return (
    <figure className="space-y-3">
      <figcaption className="text-sm text-slate-700">{t('pledgeDiff.caption', { from, to })}</figcaption>
      {parts === null ? (
        <p className="text-sm text-slate-700">{t('pledgeDiff.tooDifferent')}</p>
      ) : !changed ? (
        <p className="text-sm text-slate-700">{t('pledgeDiff.unchanged')}</p>
      ) : (
        <>
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={t('pledgeDiff.legend')}>
            <li>
              <ins className="rounded bg-emerald-100 px-1 text-emerald-950 underline decoration-2">{t('pledgeDiff.added')}</ins>
            </li>
            <li>
              <del className="rounded bg-red-100 px-1 text-red-950 line-through decoration-2">{t('pledgeDiff.removed')}</del>
            </li>
          </ul>
          <div
            data-testid="pledge-diff"
            className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-900"
            tabIndex={0}
            role="region"
            aria-label={t('pledgeDiff.caption', { from, to })}
          >
            {parts.map((part, i) =>
              part.kind === 'added' ? (
                <ins key={i} className="rounded bg-emerald-100 text-emerald-950 underline decoration-2">
                  <span className="sr-only">[{t('pledgeDiff.added')}: </span>
                  {part.text}
                  <span className="sr-only">]</span>
                </ins>
              ) : part.kind === 'removed' ? (
                <del key={i} className="rounded bg-red-100 text-red-950 line-through decoration-2">
                  <span className="sr-only">[{t('pledgeDiff.removed')}: </span>
                  {part.text}
                  <span className="sr-only">]</span>
                </del>
              ) : (
                <span key={i}>{part.text}</span>
              ),
            )}
          </div>
        </>
      )}
    </figure>
  );
}
