// The actions panel of an issue: only what the viewer may do now (the policy and the state machine decided on the
// server), each a link to the act's own page, with a line on what it does.
import { Link } from 'react-router';
import type { IssueAct } from '../web/issue-page.server';
import { useT } from '../web/i18n';
import { Card, buttonClass } from './ui';

const PATHS: Record<IssueAct, string> = {
  assign: 'assign',
  acknowledge: 'acknowledge',
  respond: 'respond',
  resolve: 'resolve',
  reject: 'reject',
  reopen: 'reopen',
  followUp: 'follow-up',
  summary: 'summary',
};

const PRIMARY: IssueAct[] = ['acknowledge', 'respond', 'reopen', 'followUp'];

export function IssueActions({ reference, acts, signedIn }: { reference: string; acts: IssueAct[]; signedIn: boolean }) {
  const t = useT();
  const base = `/issues/${encodeURIComponent(reference)}`;
  return (
    <Card aria-labelledby="actions-heading">
      <h2 id="actions-heading" className="mb-3 text-lg font-semibold text-brand-900">
        {t('issuesOfficer.actions')}
      </h2>
      {acts.length === 0 ? (
        <p className="text-sm text-slate-700">
          {signedIn ? (
            t('issuesOfficer.actions.none')
          ) : (
            <>
              <Link to={`/signin?redirectTo=${encodeURIComponent(base)}`} className="font-semibold text-brand-700 underline">
                {t('nav.signIn')}
              </Link>{' '}
              · {t('issuesOfficer.actions.signIn')}
            </>
          )}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="issue-actions">
          {acts.map((act) => (
            <li key={act}>
              <Link
                to={`${base}/${PATHS[act]}`}
                className={buttonClass(act === 'reject' ? 'danger' : PRIMARY.includes(act) ? 'primary' : 'secondary', 'w-full')}
                data-act={act}
              >
                {t(`issuesOfficer.act.${act}`)}
              </Link>
              <p className="mt-1 text-xs text-slate-600">{t(`issuesOfficer.act.${act}.hint`)}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
