// GraphQL over HTTP at /graphql. GraphiQL (bundled, works offline) in development and for signed-in users.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { createYoga, maskError } from 'graphql-yoga';
import { DomainError, ValidationError } from '../app/domain/errors.server';
import { translate } from '../app/i18n';
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
    maskedErrors: {
      isDev: !production,
      // A domain error outside a typed result (e.g. a bad query argument) is the client's mistake: say what it was.
      maskError: (error, message, isDev) => {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof DomainError) {
          return new GraphQLError(translate('en', original.message, original.params), {
            nodes: (error as GraphQLError).nodes,
            path: (error as GraphQLError).path,
            extensions: {
              code: original.code,
              ...(original instanceof ValidationError
                ? { fieldErrors: Object.fromEntries(Object.entries(original.fieldErrors).map(([k, v]) => [k, v.map((m) => translate('en', m))])) }
                : {}),
            },
          });
        }
        return maskError(error, message, isDev);
      },
    },
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
