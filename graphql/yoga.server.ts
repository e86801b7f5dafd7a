// GraphQL over HTTP at /graphql. GraphiQL (bundled, works offline) in development and for signed-in users.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import { getRequestAuth, requestMeta } from '../app/auth/session.server';
import type { Logger } from '../app/logger.server';
import { services } from '../app/services.server';
import type { GraphQLContext } from './context';
import { schema } from './schema/index';

export function createGraphQLServer({ logger, production }: { logger: Logger; production: boolean }) {
  const log = logger.child({ module: 'graphql' });
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Unexpected errors are masked in production; expected ones are typed results or GraphQLErrors with a code.
    maskedErrors: { isDev: !production },
    logging: {
      debug: (...args) => log.debug({ args }, 'yoga'),
      info: (...args) => log.info({ args }, 'yoga'),
      warn: (...args) => log.warn({ args }, 'yoga'),
      error: (...args) => log.error({ args }, 'yoga'),
    },
    graphiql: async (request) => {
      if (!production) return { title: 'Integrity Compact GraphQL' };
      const auth = await getRequestAuth(request);
      return auth.user ? { title: 'Integrity Compact GraphQL' } : false;
    },
    renderGraphiQL,
    context: async ({ request }) => {
      const auth = await getRequestAuth(request);
      return { db: services().db, actor: auth.actor, userId: auth.user?.id ?? null, locale: auth.locale, meta: requestMeta(request) };
    },
  });
}
