// Helpers of the pledge pages (server only): load the pledge a URL names as the viewer may see it, shape it for the
// page in the reader's language, the viewer's organisations with what each may do, and text differences.
import { diffWords } from 'diff';
import { redirect } from 'react-router';
import type { Actor } from '../domain/actor.server';
import type { DomainContext } from '../domain/context.server';
import { NotFoundError } from '../domain/errors.server';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { findPledgeForViewer, signEligibility } from '../domain/pledge-queries.server';
import { registerEntriesOf, signatureReceipt } from '../domain/pledge-register.server';
import { type ConfirmingOrganization, confirmationPhrases } from '../domain/pledge-rules';
import { can } from '../domain/policy.server';
import type { Locale } from '../i18n';
import { services } from '../services.server';
import type { RequestAuth } from '../auth/session.server';
import { attempt, formValues } from './forms.server';
import type { DiffPart } from './pledge-diff';
import { routeContext } from './route.server';

/** Organisations on whose behalf the actor may draft pledges (the policy's `pledge.draft`, asked per organisation). */
export async function draftingOrganizations(actor: Actor) {
  if (actor.kind !== 'user' || !actor.memberships.length) return [];
  const organizations = await services().db.organization.findMany({
    where: { id: { in: actor.memberships.map((m) => m.organizationId) } },
    orderBy: { name: 'asc' },
  });
  return organizations.filter((o) => can(actor, 'pledge.draft', { organizationId: o.id, organizationKind: o.kind }));
}

/** May the actor draft a pledge at all: for the platform (no organisation) or for one of its organisations. */
export async function mayDraft(actor: Actor) {
  return can(actor, 'pledge.draft') || (await draftingOrganizations(actor)).length > 0;
}

/** A loader's or action's 404, as a response React Router renders with the error boundary. */
export const notFound = () => new Response('Not found', { status: 404 });

/**
 * The request's context and the pledge its URL names, as the viewer may see it: a missing pledge and a draft the
 * viewer may not see both answer 404, to loaders and actions alike.
 */
export async function pledgeFromRequest(request: Request, slug: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!slug) throw notFound();
  try {
    const pledge = await findPledgeForViewer(ctx, { slug });
    return { auth, ctx, pledge, canManage: can(auth.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined }) };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

/** The pledge its URL names, for the pages that change it (edit, new version, close): 403 unless the viewer manages it. */
export async function managedPledge(request: Request, slug: string | undefined) {
  const loaded = await pledgeFromRequest(request, slug);
  if (!loaded.canManage) throw new Response('Forbidden', { status: 403 });
  return loaded;
}

type PledgeRow = Awaited<ReturnType<typeof findPledgeForViewer>>;

/** The pledge's text as its manager wrote it, for the forms that change it (translations are not edited there). */
export function pledgeSource(pledge: PledgeRow) {
  return { slug: pledge.slug, status: pledge.status, title: pledge.title, body: pledge.body, factors: pledge.factors };
}

/** The pledge as its pages show it, in the reader's language (the demo carries Russian; real pledges may). */
export function pledgeView(pledge: PledgeRow, locale: Locale) {
  const body = localized(pledge, 'body', locale, pledge.body);
  return {
    id: pledge.id,
    slug: pledge.slug,
    title: localized(pledge, 'title', locale, pledge.title),
    bodyHtml: renderMarkdown(body),
    factors: pledge.factors,
    audience: pledge.audience,
    renewalMonths: pledge.renewalMonths,
    status: pledge.status,
    currentVersion: pledge.currentVersion,
    publishedAt: pledge.publishedAt?.toISOString() ?? null,
    closedAt: pledge.closedAt?.toISOString() ?? null,
    owner: pledge.ownerOrganization
      ? { name: localized(pledge.ownerOrganization, 'name', locale, pledge.ownerOrganization.name), slug: pledge.ownerOrganization.slug }
      : null,
  };
}

/**
 * The viewer's organisations and, for each, its entry in this pledge's register and whether the viewer may sign
 * for it now (and if not, why: the domain's reason).
 */
export async function signingPanels(ctx: DomainContext, auth: RequestAuth, pledge: PledgeRow) {
  const memberships = auth.user?.memberships ?? [];
  const entries = await registerEntriesOf(
    ctx.db,
    pledge.id,
    memberships.map((m) => m.organizationId),
    new Date(),
  );
  return memberships.map((m) => {
    const entry = entries.find((e) => e.organizationId === m.organizationId) ?? null;
    const standing = entry && !entry.withdrawnAt ? entry : null;
    const eligibility = signEligibility(auth.actor, pledge, m.organization, standing ? { versionNumber: standing.version.number } : null);
    return {
      organization: {
        id: m.organization.id,
        name: localized(m.organization, 'name', auth.locale, m.organization.name),
        kind: m.organization.kind,
        verified: m.organization.verified,
      },
      role: m.role,
      eligibility: eligibility.ok
        ? ({ ok: true, resign: eligibility.resign } as const)
        : ({ ok: false, reason: eligibility.reason, params: eligibility.params, code: eligibility.code } as const),
      mayManageSignature: !!standing && can(auth.actor, 'pledge.withdraw', { organizationId: m.organizationId }),
      entry: entry
        ? {
            id: entry.id,
            version: entry.version.number,
            signedAt: entry.signedAt.toISOString(),
            lapsesAt: entry.lapsesAt?.toISOString() ?? null,
            withdrawnAt: entry.withdrawnAt?.toISOString() ?? null,
            status: entry.status,
          }
        : null,
    };
  });
}
export type SigningPanel = Awaited<ReturnType<typeof signingPanels>>[number];

/** The sentence a signatory types, in the reader's language, naming the organisation as the page does. */
export const confirmationPhrase = (organization: ConfirmingOrganization, locale: Locale) => confirmationPhrases(organization)[locale];

/**
 * What changed from one text to another, word by word (whitespace kept, so the Markdown's lines stay readable).
 * Null when the texts are too different to compare within a second: the page then shows the new text alone.
 */
export function textDiff(before: string, after: string): DiffPart[] | null {
  const changes = diffWords(before, after, { timeout: 1000 });
  if (!changes) return null;
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/**
 * The signature a withdraw or renew page is about, with its receipt, for a viewer who may act on it (`action`):
 * 404 when it is not this pledge's, 403 when the viewer may not, 409 when it no longer stands (superseded or
 * withdrawn). The command checks all of this again when the form is sent.
 */
export async function standingSignature(request: Request, slug: string | undefined, signatureId: string, action: 'pledge.withdraw' | 'pledge.renew') {
  const loaded = await pledgeFromRequest(request, slug);
  const receipt = await signatureReceipt(loaded.ctx.db, loaded.pledge.id, signatureId, { now: new Date(), locale: loaded.auth.locale });
  if (!receipt) throw notFound();
  if (!can(loaded.auth.actor, action, { organizationId: receipt.organizationId })) throw new Response('Forbidden', { status: 403 });
  return { ...loaded, receipt, standing: !receipt.superseded && !receipt.withdrawnAt };
}

/**
 * A withdraw or renew form sent: the command on the standing signature, then back to its receipt saying what was
 * done; when the command refuses, the form again with its errors and what was typed.
 */
export async function signatureFormAction(
  request: Request,
  slug: string | undefined,
  signatureId: string,
  action: 'pledge.withdraw' | 'pledge.renew',
  command: (ctx: DomainContext, formData: FormData) => Promise<unknown>,
) {
  const { ctx, pledge } = await standingSignature(request, slug, signatureId, action);
  const formData = await request.formData();
  const result = await attempt(() => command(ctx, formData), { values: formValues(formData) });
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}/signatures/${signatureId}?done=${action === 'pledge.renew' ? 'renewed' : 'withdrawn'}`);
}
