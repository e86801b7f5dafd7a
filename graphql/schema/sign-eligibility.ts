import type { SignEligibility as Eligibility } from '../../app/domain/pledge-queries.server';
import { translate } from '../../app/i18n';
import { builder } from '../builder';

/** Not found is the API's own answer (the domain rule takes an organisation that exists). */
export type EligibilityResult = Eligibility | { ok: false; code: 'NOT_FOUND'; reason: string; params?: undefined };

export const SignEligibility = builder.objectRef<EligibilityResult>('SignEligibility').implement({
  description: 'Whether the caller may sign a pledge now on behalf of an organisation, and if not, why (the same rule the signPledge mutation applies).',
  fields: (t) => ({
    ok: t.exposeBoolean('ok'),
    resign: t.boolean({
      description: 'True when the organisation signed an earlier version: signing now replaces that signature.',
      resolve: (e) => e.ok && e.resign,
    }),
    code: t.string({
      nullable: true,
      description: 'Why not, as the error code signPledge would return: NOT_AUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT or VALIDATION.',
      resolve: (e) => (e.ok ? null : e.code),
    }),
    reason: t.string({
      nullable: true,
      description: "Why not, in the caller's language.",
      resolve: (e, _args, ctx) => (e.ok ? null : translate(ctx.locale, e.reason, e.params)),
    }),
  }),
});
