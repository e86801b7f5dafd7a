// Milestones of joint commitments: what, by whom, by when; the owner's evidence, the parties' confirmations of the
// current round, a dispute, the monitor's attestation and evidence files. A milestone is visible exactly when its
// commitment is (app/domain/commitment-queries.server.ts); what the viewer may do comes from commitmentPermissions.
import { isoDate, milestoneTiming } from '../../app/domain/commitment-rules';
import { visibleCommitmentsWhere } from '../../app/domain/commitment-queries.server';
import { services } from '../../app/services.server';
import { builder } from '../builder';
import type { GraphQLContext } from '../context';
import { loaders } from '../loaders';
import { CommitmentParticipant, requestToday } from './commitment';
import { MilestoneState, MilestoneTiming } from './commitment-enums';
import { Organization } from './organization';

/** The download path of a milestone's evidence file (the page route milestone.attachment.tsx serves it). */
export const milestoneAttachmentPath = (reference: string, milestoneId: string, attachmentId: string) =>
  `/commitments/${encodeURIComponent(reference)}/milestones/${encodeURIComponent(milestoneId)}/attachments/${encodeURIComponent(attachmentId)}`;

export const MilestoneAttachment = builder.prismaObject('MilestoneAttachment', {
  description:
    'An evidence file of a milestone (PDF, PNG, JPEG or plain text), metadata stripped. Files are added through the web form that marks a milestone done, not through GraphQL.',
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType', { description: 'Detected from the content: application/pdf, image/png, image/jpeg or text/plain.' }),
    size: t.exposeInt('size', { description: 'Bytes.' }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the stored file, hex.' }),
    round: t.exposeInt('round', { description: 'The round of marking done it was given with.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    downloadUrl: t.string({
      description: 'Where to download the file (absolute when the site’s PUBLIC_URL is set), with the session cookie of someone who may see the commitment.',
      select: { id: true, milestoneId: true, milestone: { select: { commitment: { select: { reference: true } } } } },
      resolve: (file) => {
        const path = milestoneAttachmentPath(file.milestone.commitment.reference, file.milestoneId, file.id);
        const base = services().config.publicUrl;
        return base ? new URL(path, base).toString() : path;
      },
    }),
  }),
});

export const MilestoneConfirmation = builder.prismaObject('MilestoneConfirmation', {
  description: 'A party’s confirmation that a milestone was delivered, in one round of marking it done.',
  fields: (t) => ({
    party: t.relation('party'),
    organization: t.field({
      type: Organization,
      description: 'The confirming party’s organisation.',
      select: (_args, _ctx, nestedSelection) => ({ party: { select: { organization: nestedSelection(true) } } }),
      resolve: (confirmation) => confirmation.party.organization,
    }),
    confirmedBy: t.field({
      type: CommitmentParticipant,
      description: 'Who confirmed it for the party.',
      select: { user: { select: { id: true, name: true } } },
      resolve: (confirmation) => confirmation.user,
    }),
    round: t.exposeInt('round'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

type Permissions = Awaited<ReturnType<ReturnType<typeof loaders>['commitmentPermissions']['load']>>;
const milestonePermission = async (ctx: GraphQLContext, m: { id: string; commitmentId: string }) => {
  const permissions: Permissions = await loaders(ctx).commitmentPermissions.load(m.commitmentId);
  return permissions?.milestones[m.id];
};

export const Milestone = builder.prismaNode('Milestone', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, and for a milestone of a commitment the caller may not see.
  nullable: true,
  findUnique: (id, ctx) => ({ id, commitment: visibleCommitmentsWhere(ctx.actor) }),
  description:
    'A step of a commitment: a deliverable an owner party delivers by a due date. OPEN → DONE (marked done with evidence) → COMPLETED (confirmed by every party); a party may dispute a DONE milestone, which reopens it.',
  fields: (t) => ({
    commitment: t.relation('commitment'),
    title: t.exposeString('title'),
    deliverable: t.exposeString('deliverable', { description: 'What is delivered.' }),
    owner: t.relation('ownerParty', { description: 'The party that delivers it.' }),
    ownerOrganization: t.field({
      type: Organization,
      description: 'The owner party’s organisation.',
      select: (_args, _ctx, nestedSelection) => ({ ownerParty: { select: { organization: nestedSelection(true) } } }),
      resolve: (m) => m.ownerParty.organization,
    }),
    dueDate: t.string({ description: 'YYYY-MM-DD.', resolve: (m) => isoDate(m.dueDate) }),
    state: t.expose('state', { type: MilestoneState }),
    timing: t.field({
      type: MilestoneTiming,
      nullable: true,
      description: 'OVERDUE or DUE_SOON (within 14 days) for an OPEN milestone, at the time of the request; null otherwise.',
      resolve: (m, _args, ctx) => milestoneTiming(m, requestToday(ctx)),
    }),
    round: t.exposeInt('round', { description: 'How many times it has been marked done; confirmations count for the current round only.' }),
    evidenceText: t.exposeString('evidenceText', {
      nullable: true,
      description: 'The owner’s evidence of the current round (kept after a dispute, as history).',
    }),
    evidenceLinks: t.exposeStringList('evidenceLinks', { description: 'Links (http or https) given as evidence in the current round.' }),
    doneAt: t.expose('doneAt', { type: 'DateTime', nullable: true }),
    doneBy: t.field({
      type: CommitmentParticipant,
      nullable: true,
      description: 'Who marked it done (for the owner party).',
      select: { doneBy: { select: { id: true, name: true } } },
      resolve: (m) => m.doneBy,
    }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true, description: 'When the last party confirmed it.' }),
    confirmations: t.field({
      type: [MilestoneConfirmation],
      description: 'The parties’ confirmations of the current round, oldest first (the owner party’s is recorded when it marks it done).',
      select: (_args, _ctx, nestedSelection) => ({ round: true, confirmations: nestedSelection({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }) }),
      resolve: (m) => m.confirmations.filter((c) => c.round === m.round),
    }),
    disputedAt: t.expose('disputedAt', { type: 'DateTime', nullable: true, description: 'The last dispute (the timeline keeps them all).' }),
    disputeReason: t.exposeString('disputeReason', { nullable: true }),
    disputedBy: t.field({
      type: Organization,
      nullable: true,
      description: 'The organisation of the party that disputed it last.',
      select: (_args, _ctx, nestedSelection) => ({
        disputedByPartyId: true,
        commitment: { select: { parties: { select: { id: true, organization: nestedSelection(true) } } } },
      }),
      resolve: (m) => m.commitment.parties.find((p) => p.id === m.disputedByPartyId)?.organization ?? null,
    }),
    attestedAt: t.expose('attestedAt', { type: 'DateTime', nullable: true, description: 'When the monitor attested it.' }),
    attestedBy: t.field({
      type: CommitmentParticipant,
      nullable: true,
      description: 'The monitor’s member who attested it.',
      select: { attestedBy: { select: { id: true, name: true } } },
      resolve: (m) => m.attestedBy,
    }),
    attestationNote: t.exposeString('attestationNote', { nullable: true }),
    attachments: t.relation('attachments', {
      description: 'Evidence files, of every round, oldest first.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
    viewerCanEdit: t.boolean({
      description: 'May the caller change its title, deliverable, owner or due date (while OPEN)?',
      resolve: async (m, _args, ctx) => (await milestonePermission(ctx, m))?.canEdit ?? false,
    }),
    viewerCanComplete: t.boolean({
      description: 'May the caller mark it done for the owner party?',
      resolve: async (m, _args, ctx) => (await milestonePermission(ctx, m))?.canComplete ?? false,
    }),
    viewerCanConfirm: t.boolean({
      description: 'May the caller confirm it for a party that has not confirmed this round?',
      resolve: async (m, _args, ctx) => (await milestonePermission(ctx, m))?.canConfirm ?? false,
    }),
    viewerCanDispute: t.boolean({
      description: 'May the caller dispute it for a party that has not confirmed this round?',
      resolve: async (m, _args, ctx) => (await milestonePermission(ctx, m))?.canDispute ?? false,
    }),
    viewerCanAttest: t.boolean({
      description: 'May the caller attest it for the monitor?',
      resolve: async (m, _args, ctx) => (await milestonePermission(ctx, m))?.canAttest ?? false,
    }),
  }),
});
