import { builder } from '../builder';

export const PledgeProgressReport = builder.prismaObject('PledgeProgressReport', {
  description: 'A signatory’s report on honouring the pledge; filing one renews the signature.',
  fields: (t) => ({
    body: t.exposeString('body'),
    links: t.exposeStringList('links'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});
