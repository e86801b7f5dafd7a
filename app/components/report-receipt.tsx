// The receipt of an anonymous report: the 16-digit code, shown once, large, with a copy button (once JavaScript
// runs; without it the code is plain selectable text) and what to do with it. The panel takes focus when it appears.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { buttonClass } from './ui';
import { useT } from '../web/i18n';

export function ReportReceipt({ code, reference }: { code: string; reference: string }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    ref.current?.focus();
    setCanCopy(typeof navigator !== 'undefined' && !!navigator.clipboard);
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <section aria-labelledby="receipt-title" className="rounded-xl border-2 border-emerald-600 bg-white p-6 shadow-sm" data-testid="report-receipt">
      <h1 id="receipt-title" ref={ref} tabIndex={-1} className="text-2xl font-semibold text-brand-900 focus:outline-none">
        {t('issuesPages.receipt.title')}
      </h1>
      <p className="mt-2 text-slate-700">{t('issuesPages.receipt.reference', { reference })}</p>
      <div className="mt-6 rounded-lg bg-amber-50 p-4 ring-1 ring-amber-300">
        <p className="text-sm font-semibold text-slate-900" id="receipt-code-label">
          {t('issuesPages.receipt.codeLabel')}
        </p>
        <p
          className="mt-2 select-all break-all font-mono text-3xl font-bold tracking-wider text-slate-950 sm:text-4xl"
          aria-labelledby="receipt-code-label"
          data-testid="receipt-code"
          translate="no"
        >
          {code}
        </p>
        {canCopy ? (
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button type="button" onClick={copy} className={buttonClass('secondary')}>
              {t('issuesPages.receipt.copy')}
            </button>
            <span role="status" className="text-sm text-slate-800">
              {copyState === 'copied' ? t('issuesPages.receipt.copied') : copyState === 'failed' ? t('issuesPages.receipt.copyFailed') : ''}
            </span>
          </div>
        ) : null}
      </div>
      <p className="mt-4 font-semibold text-red-900">{t('issuesPages.receipt.once')}</p>
      <p className="mt-2 text-slate-700">{t('issuesPages.receipt.why')}</p>
      <p className="mt-6 flex flex-wrap gap-3">
        <Link to="/report/follow-up" className={buttonClass('primary')}>
          {t('issuesPages.receipt.followUp')}
        </Link>
        <Link to="/report" reloadDocument className={buttonClass('secondary')}>
          {t('issuesPages.receipt.another')}
        </Link>
      </p>
    </section>
  );
}

/** What anonymous reporting keeps and what it does not. */
export function ReportPrivacyNotice() {
  const t = useT();
  return (
    <section aria-labelledby="report-stored" className="rounded-xl border border-brand-200 bg-brand-50 p-6 text-brand-950">
      <h2 id="report-stored" className="text-lg font-semibold">
        {t('issuesPages.report.storedTitle')}
      </h2>
      <ul className="mt-3 list-disc space-y-2 pl-5 text-sm">
        <li>{t('issuesPages.report.stored1')}</li>
        <li>{t('issuesPages.report.stored2')}</li>
        <li>{t('issuesPages.report.stored3')}</li>
        <li>{t('issuesPages.report.stored4')}</li>
      </ul>
      <h3 className="mt-4 font-semibold">{t('issuesPages.report.careTitle')}</h3>
      <p className="mt-1 text-sm">{t('issuesPages.report.care')}</p>
    </section>
  );
}
