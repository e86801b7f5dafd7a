import type { Db } from '../app/db/client.server';
import type { Actor } from '../app/domain/actor.server';
import type { RequestMeta } from '../app/domain/context.server';
import type { Locale } from '../app/i18n';

export type GraphQLContext = {
  db: Db;
  actor: Actor;
  /** The signed-in user's id, when there is one. */
  userId: string | null;
  locale: Locale;
  meta: RequestMeta;
};
