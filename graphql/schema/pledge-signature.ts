// An organisation's signature of one version of a pledge: an entry of the pledge's register.
import { signatureStatus } from '../../app/domain/pledge-rules';
import { builder } from '../builder';
import { requestNow } from '../loaders';
import { SignatureStatus } from './enums';

export const PledgeSignature = builder.prismaNode('PledgeSignature', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'An organisation’s signature of one version of a pledge.',
  fields: (t) => ({
    pledge: t.relation('pledge'),
    organization: t.relation('organization', {
      description: 'The signatory. Check Organization.verified: entries of unverified organisations are not counted in Pledge.signatureCount.',
    }),
    version: t.relation('version'),
    statement: t.exposeString('statement', { nullable: true }),
    signedAt: t.expose('signedAt', { type: 'DateTime' }),
    lastRenewedAt: t.expose('lastRenewedAt', { type: 'DateTime' }),
    renewalDueAt: t.expose('lapsesAt', { type: 'DateTime', nullable: true, description: 'When it lapses unless renewed; null: it never lapses.' }),
    status: t.field({
      type: SignatureStatus,
      select: { withdrawnAt: true, lastRenewedAt: true, pledge: { select: { renewalMonths: true } } },
      resolve: (s, _args, ctx) => signatureStatus(s, s.pledge.renewalMonths, requestNow(ctx)),
    }),
    superseded: t.boolean({
      select: { supersededAt: true },
      resolve: (s) => s.supersededAt !== null,
      description: 'Replaced by a signature of a newer version.',
    }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
    withdrawalReason: t.exposeString('withdrawalReason', { nullable: true }),
    progressReports: t.relation('progressReports', { query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
  }),
});
