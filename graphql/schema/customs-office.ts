// Customs offices and border posts of an administration: where an issue happened. Public reference data, maintained
// by the administration's ORG_ADMINs on the offices page (app/domain/offices.server.ts); read-only here.
import { builder, pageSize } from '../builder';
import { CustomsOfficeKind } from './issue-enums';
import { Organization } from './organization';

export const CustomsOffice = builder.prismaNode('CustomsOffice', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, not an error.
  nullable: true,
  description: 'A customs office or border post of a customs administration.',
  fields: (t) => ({
    name: t.string({
      description: "The name in the caller's language (English or Russian).",
      select: { nameEn: true, nameRu: true },
      resolve: (office, _args, ctx) => (ctx.locale === 'ru' ? office.nameRu : office.nameEn),
    }),
    nameEn: t.exposeString('nameEn', { description: 'The name in English.' }),
    nameRu: t.exposeString('nameRu', { description: 'The name in Russian.' }),
    kind: t.expose('kind', { type: CustomsOfficeKind }),
    latitude: t.exposeFloat('latitude', { description: 'WGS 84 decimal degrees.' }),
    longitude: t.exposeFloat('longitude', { description: 'WGS 84 decimal degrees.' }),
    archived: t.boolean({
      description: 'Archived offices stay on the issues raised about them, but no new issue can name them.',
      select: { archivedAt: true },
      resolve: (office) => office.archivedAt !== null,
    }),
    archivedAt: t.expose('archivedAt', { type: 'DateTime', nullable: true }),
    administration: t.relation('administration'),
  }),
});

builder.queryField('customsOffices', (t) =>
  t.prismaConnection({
    type: 'CustomsOffice',
    cursor: 'id',
    maxSize: pageSize,
    description: 'The offices and border posts of a customs administration, by English name. Archived ones only when asked for.',
    args: {
      administrationId: t.arg.globalID({ required: true, for: Organization }),
      includeArchived: t.arg.boolean({ required: false, defaultValue: false }),
    },
    totalCount: (_parent, args, ctx) => ctx.db.customsOffice.count({ where: officesWhere(args.administrationId.id, args.includeArchived) }),
    resolve: (query, _parent, args, ctx) =>
      ctx.db.customsOffice.findMany({
        ...query,
        where: officesWhere(args.administrationId.id, args.includeArchived),
        orderBy: [{ nameEn: 'asc' }, { id: 'asc' }],
      }),
  }),
);

const officesWhere = (administrationId: string, includeArchived: boolean | null | undefined) => ({
  administrationId,
  ...(includeArchived ? {} : { archivedAt: null }),
});

builder.prismaObjectField(Organization, 'customsOffices', (t) =>
  t.relation('customsOffices', {
    description: 'A customs administration’s offices and border posts that are in use (not archived), by English name. Empty for other organisations.',
    query: { where: { archivedAt: null }, orderBy: [{ nameEn: 'asc' }, { id: 'asc' }] },
  }),
);
