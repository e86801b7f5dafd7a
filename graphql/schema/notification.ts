// In-app notifications (the bell), read-only here: `viewer { notifications unreadNotificationCount }`. Reading and
// counting are the domain's (app/domain/notifications.server.ts); a user only ever sees their own.
import { listNotifications, unreadCount } from '../../app/domain/notifications.server';
import { builder, DEFAULT_PAGE_SIZE, pageSize } from '../builder';
import type { GraphQLContext } from '../context';
import { NotificationKind } from './issue-enums';
import { User } from './user';

const dataField = (data: unknown, key: string): string | null => {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
};

export const Notification = builder.prismaNode('Notification', {
  id: { field: 'id' },
  // Relay: node(id) is null for an unknown id, and for anyone else's notification.
  nullable: true,
  findUnique: (id, ctx) => ({ id, userId: ctx.userId ?? '' }),
  authScopes: (notification, ctx) => ctx.userId !== null && notification.userId === ctx.userId,
  description: 'Something that happened to an issue the user takes part in. It is emailed too, unless they turned that kind off.',
  fields: (t) => ({
    kind: t.expose('kind', { type: NotificationKind }),
    subjectType: t.exposeString('subjectType', { description: 'What it is about, e.g. Issue.' }),
    reference: t.string({
      nullable: true,
      description: 'The issue’s reference (ISS-2026-0042): its page is /issues/<reference>.',
      resolve: (n) => dataField(n.data, 'reference'),
    }),
    title: t.string({ nullable: true, description: 'The issue’s title.', resolve: (n) => dataField(n.data, 'title') }),
    status: t.string({ nullable: true, description: 'The issue’s status at the time.', resolve: (n) => dataField(n.data, 'status') }),
    event: t.string({
      nullable: true,
      description: 'What happened: raised, assigned, acknowledged, responded, resolved, rejected, reopened, followed_up, escalated …',
      resolve: (n) => dataField(n.data, 'event'),
    }),
    read: t.boolean({ resolve: (n) => n.readAt !== null }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const NotificationConnection = builder.connectionObject(
  {
    type: Notification,
    name: 'NotificationConnection',
    description: 'A page of notifications, newest first. Pages go forward only: pass pageInfo.endCursor as `after`.',
  },
  { name: 'NotificationEdge' },
);

/**
 * An edge's cursor: the same opaque keyset cursor as the domain's endCursor (newest first by createdAt, then id), so
 * any edge can be passed as `after`. A test pages from a middle edge to keep the two in step.
 */
const notificationCursor = (n: { createdAt: Date; id: string }) => Buffer.from(`${n.createdAt.toISOString()}|${n.id}`, 'utf8').toString('base64url');

/** A row as the domain's list selects it (typed as the model: Pothos reads only the fields the type exposes). */
type NotificationRow = Awaited<ReturnType<GraphQLContext['db']['notification']['findFirstOrThrow']>>;

const isViewer = (user: { id: string }, ctx: GraphQLContext) => ctx.userId !== null && user.id === ctx.userId;

builder.prismaObjectFields(User, (t) => ({
  notifications: t.field({
    type: NotificationConnection,
    nullable: true,
    description: 'The user’s notifications, newest first: on `viewer` only (null for anyone else).',
    args: {
      first: t.arg.int({ required: false, description: `Page size, 1 to 100 (default ${DEFAULT_PAGE_SIZE}).` }),
      after: t.arg.string({ required: false, description: 'The endCursor of the previous page.' }),
      unreadOnly: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: async (user, args, ctx) => {
      if (!isViewer(user, ctx)) return null;
      pageSize(args);
      const page = await listNotifications(ctx, {
        first: args.first ?? DEFAULT_PAGE_SIZE,
        after: args.after ?? undefined,
        unreadOnly: args.unreadOnly ?? false,
      });
      // The page is the viewer's own: each row is theirs (the list does not select userId).
      return {
        edges: page.items.map((item) => ({ cursor: notificationCursor(item), node: { ...item, userId: user.id } as NotificationRow })),
        pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after != null, startCursor: null, endCursor: page.endCursor },
      };
    },
  }),
  unreadNotificationCount: t.int({
    nullable: true,
    description: 'How many notifications the user has not read: on `viewer` only (null for anyone else).',
    resolve: (user, _args, ctx) => (isViewer(user, ctx) ? unreadCount(ctx) : null),
  }),
}));
