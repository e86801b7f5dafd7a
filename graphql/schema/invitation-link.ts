import type { MEMBERSHIP_ROLES } from '../../app/domain/schemas';
import { builder } from '../builder';
import { MembershipRole } from './enums';

export const InvitationLink = builder.objectRef<{ url: string; role: string; expiresAt: Date }>('InvitationLink').implement({
  description: 'A one-time link that makes whoever opens it (signed in) a member with the given role.',
  fields: (t) => ({
    url: t.exposeString('url'),
    role: t.field({ type: MembershipRole, resolve: (link) => link.role as (typeof MEMBERSHIP_ROLES)[number] }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
});
