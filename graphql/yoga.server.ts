// GraphQL over HTTP at /graphql. GraphiQL (bundled, works offline) in development and for signed-in users.
// Protocol-level protection lives here: size, depth, cost, alias, directive and token limits (GraphQL Armor), an
// estimate of how many list items a query can return (with its variables), a body limit, cancellation when the client
// hangs up, CSRF prevention for cookie-authenticated requests, and CORS only for configured origins.
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { type Plugin, createGraphQLError, createYoga, maskError, useExecutionCancellation } from 'graphql-yoga';
import { DomainError, ValidationError } from '../app/domain/errors.server';
import { messageArgs } from '../app/domain/field-messages';
import { translate } from '../app/i18n';
import { SESSION_COOKIE, getRequestAuth, requestMeta } from '../app/auth/session.server';
import type { Logger } from '../app/logger.server';
import { services } from '../app/services.server';
import type { GraphQLContext } from './context';
import { schema as appSchema } from './schema/index';

/**
 * The limits, exported so tests can probe each one at its threshold. Chosen so that every query the app and its tests
 * send passes with room to spare, while the hostile ones of issue 6 (Pledge → signatures → pledge cycles, 10,000
 * aliases, huge pages, a 10 MB body) are refused before any resolver runs.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of fields (introspection is exempt: GraphiQL's schema query is deep by nature). */
  maxDepth: 12,
  /** GraphQL Armor's static cost: 2 per object, 1 per scalar, times a literal `first`/`last`; flat across depth. */
  maxCost: 100_000,
  maxAliases: 15,
  maxDirectives: 20,
  /** Lexical tokens in the document (also caps its size: a 10,000-alias query is refused while parsing). */
  maxTokens: 2_000,
  /** Estimated list items a query may return, counting `first`/`last` given as variables too (see estimateListItems). */
  maxListItems: 10_000,
  /** Request body, in bytes: answered 413 beyond it. */
  maxBodyBytes: 100 * 1024,
} as const;

/** What a connection returns when neither `first` nor `last` is given (Pothos' default page size in graphql/builder.ts). */
const DEFAULT_PAGE_ESTIMATE = 20;
/** A plain list field with no page size argument (e.g. versions of a pledge) is assumed to hold this many items. */
const UNPAGED_LIST_ESTIMATE = 10;

/** Headers that mark a request as deliberately sent by a script (not a form), as Yoga's CSRF plugin expects. */
export const CSRF_HEADERS = ['x-graphql-yoga-csrf', 'graphql-preflight', 'apollo-require-preflight'];

const hasSessionCookie = (request: Request) => new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`).test(request.headers.get('cookie') ?? '');

/** Origins allowed to call /graphql with credentials: this site's own public address and CORS_ORIGINS. */
function allowedOrigins(): Set<string> {
  const { config } = services();
  const origins = new Set(config.corsOrigins);
  if (config.publicUrl) origins.add(new URL(config.publicUrl).origin);
  return origins;
}

/**
 * How many list items a query can return at most, given its variables: each field with `first`/`last` returns that
 * many per parent item (the default page size when both are omitted), each other list field an assumed handful, and
 * nested lists multiply. Armor's cost limit sees only literal page sizes; this sees `first: $n` as well.
 */
export function estimateListItems(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const argument = (value: ValueNode | undefined) => {
    if (!value) return undefined;
    const number = Number(valueFromASTUntyped(value, variables));
    return Number.isFinite(number) && number >= 0 ? number : undefined;
  };

  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number, seen: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type && isCompositeType(type)) total += walk(selection.selectionSet, type, multiplier, seen);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type) && !seen.has(fragment.name.value)) {
          total += walk(fragment.selectionSet, type, multiplier, new Set(seen).add(fragment.name.value));
        }
      } else if (selection.selectionSet && (isObjectType(parentType) || isInterfaceType(parentType))) {
        const field = parentType.getFields()[selection.name.value];
        if (!field) continue;
        const args = new Map(selection.arguments?.map((a) => [a.name.value, a.value]));
        let items = multiplier;
        if (field.args.some((a) => a.name === 'first' || a.name === 'last')) {
          items = multiplier * (argument(args.get('first')) ?? argument(args.get('last')) ?? DEFAULT_PAGE_ESTIMATE);
        } else if (isListType(getNullableType(field.type)) && selection.name.value !== 'edges') {
          // `edges` is the page its connection already counted; `nodes(ids:)` returns one item per id.
          const ids = args.get('ids');
          items =
            multiplier *
            (ids?.kind === Kind.LIST
              ? ids.values.length
              : Array.isArray(ids && valueFromASTUntyped(ids, variables))
                ? (valueFromASTUntyped(ids!, variables) as unknown[]).length
                : UNPAGED_LIST_ESTIMATE);
        }
        if (items !== multiplier) total += items;
        const type = getNamedType(field.type);
        if (isCompositeType(type)) total += walk(selection.selectionSet, type, items, seen);
      }
    }
    return total;
  };
  return walk(operation.selectionSet, root, 1, new Set());
}

/** Refuse, before it runs, an operation whose lists could multiply into more than `max` items. */
function useListItemLimit(max: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = estimateListItems(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>);
      if (found > max) {
        setResultAndStopExecution({
          errors: [
            createGraphQLError(translate('en', 'security.limits.listNodes', { found: Math.round(found), max }), {
              extensions: { code: 'QUERY_TOO_LARGE', http: { spec: true, status: 400 } },
            }),
          ],
        });
      }
    },
  };
}

/**
 * Yoga's CSRF prevention (a JSON body or a CSRF header, so a browser must preflight), for requests that carry a
 * session cookie: only they carry authority a forged form could borrow. Anonymous GETs from scripts keep working.
 */
function useCookieCSRFPrevention(): Plugin {
  const csrf = useCSRFPrevention({ requestHeaders: CSRF_HEADERS });
  return {
    onRequestParse(payload) {
      if (!hasSessionCookie(payload.request)) return;
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(translate('en', 'security.csrf.required'), { extensions: { code: 'CSRF_PREVENTED', http: { status: 403 } } });
      }
    },
  };
}

/**
 * "Did you mean …?" suggestions map the schema for a stranger: only signed-in callers get them. (GraphQL Armor's
 * blockFieldSuggestions rewrites the validation errors in place, and Yoga caches validation per document, so a masked
 * message would then reach signed-in callers too, and theirs strangers: the answer is masked per request instead.)
 */
function useFieldSuggestionsForSignedIn(): Plugin {
  const signedIn = new WeakMap<Request, boolean>();
  const SUGGESTION = /\s*Did you mean .+\?/;
  return {
    async onParams({ request }) {
      if (hasSessionCookie(request)) signedIn.set(request, !!(await getRequestAuth(request)).user);
    },
    onResultProcess({ request, result, setResult }) {
      if (signedIn.get(request) || Array.isArray(result) || !result || !('errors' in result) || !result.errors?.length) return;
      if (!result.errors.some((error) => SUGGESTION.test(error.message))) return;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          error.message.match(SUGGESTION)
            ? new GraphQLError(error.message.replace(SUGGESTION, ''), {
                nodes: error.nodes,
                source: error.source,
                positions: error.positions,
                path: error.path,
                extensions: error.extensions,
              })
            : error,
        ),
      });
    },
  };
}

/**
 * GraphQL over HTTP: a document that does not parse (Armor's token limit refuses while parsing) is a request error,
 * answered 400 to clients that accept application/graphql-response+json and 200 to application/json ones (`spec`).
 * Yoga does the same for validation errors itself.
 */
function useParseErrorStatus(): Plugin {
  return {
    onParse:
      () =>
      ({ result }) => {
        if (result instanceof GraphQLError && !result.extensions.http) (result.extensions as Record<string, unknown>).http = { spec: true, status: 400 };
      },
  };
}

/** Yoga's "Request body too large", with the limit said. */
function useBodyLimitMessage(max: number): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !result || !('errors' in result) || !result.errors?.some((e) => e.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE')) return;
      setResult({
        ...result,
        errors: result.errors.map((error) =>
          error.extensions?.code === 'REQUEST_ENTITY_TOO_LARGE'
            ? new GraphQLError(translate('en', 'security.limits.bodyTooLarge', { max }), { extensions: error.extensions })
            : error,
        ),
      });
    },
  };
}

/**
 * Armor's rules throw by default, which skips the rest of validation and loses Yoga's status for validation errors;
 * reported to the validation context instead, a refusal is an ordinary validation error (code BAD_USER_INPUT).
 */
const reportToContext = {
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT' } })),
  ],
};

/** The GraphiQL page with a bar linking back to the app (it has no navigation of its own). */
function renderGraphiQLWithBackLink(opts: Parameters<typeof renderGraphiQL>[0] & { backLabel?: string; lang?: string }) {
  const { backLabel = translate('en', 'security.graphiql.back'), lang = 'en', ...graphiql } = opts ?? {};
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const bar =
    '<style>#ic-back{display:flex;align-items:center;height:2.5rem;padding:0 1rem;background:#1e293b;font:15px/1.2 system-ui,sans-serif}' +
    '#ic-back a{color:#fff;text-decoration:underline;text-underline-offset:3px}#ic-back a:focus-visible{outline:3px solid #fbbf24;outline-offset:2px}' +
    'body{margin:0;overflow:hidden}#root{height:calc(100vh - 2.5rem)}</style>' +
    `<nav id="ic-back" aria-label="Integrity Compact"><a href="/">← ${escape(backLabel)}</a></nav>`;
  return renderGraphiQL(graphiql)
    .replace('<html lang="en">', `<html lang="${lang === 'ru' ? 'ru' : 'en'}">`)
    .replace(/(<body[^>]*>)/, `$1${bar}`);
}

export function createGraphQLServer({ logger, production, schema = appSchema }: { logger: Logger; production: boolean; schema?: GraphQLSchema }) {
  const log = logger.child({ module: 'graphql' });
  const armor = new EnvelopArmor({
    blockFieldSuggestion: { enabled: false },
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...reportToContext },
    costLimit: {
      maxCost: GRAPHQL_LIMITS.maxCost,
      objectCost: 2,
      scalarCost: 1,
      depthCostFactor: 1,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...reportToContext,
    },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, ...reportToContext },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, ...reportToContext },
    maxTokens: { n: GRAPHQL_LIMITS.maxTokens },
  });
  return createYoga<Record<string, unknown>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // No file uploads exist: a multipart body is only ever a form posted from elsewhere.
    multipart: false,
    maxRequestBodySize: GRAPHQL_LIMITS.maxBodyBytes,
    batching: false,
    // Credentialed CORS only for configured origins; any other Origin gets no CORS headers at all (never reflected).
    cors: (request) => {
      const origin = request.headers.get('origin');
      if (!origin || !allowedOrigins().has(origin)) return false;
      return { origin: [origin], credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'accept', ...CSRF_HEADERS], maxAge: 600 };
    },
    plugins: [
      // Stop resolving when the client hangs up (the request's signal reaches the executor).
      useExecutionCancellation(),
      ...armor.protect().plugins,
      useListItemLimit(GRAPHQL_LIMITS.maxListItems),
      useCookieCSRFPrevention(),
      useFieldSuggestionsForSignedIn(),
      useParseErrorStatus(),
      useBodyLimitMessage(GRAPHQL_LIMITS.maxBodyBytes),
    ],
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
                ? {
                    fieldErrors: Object.fromEntries(
                      Object.entries(original.fieldErrors).map(([k, v]) => [k, v.map((m) => translate('en', ...messageArgs(m, original.params)))]),
                    ),
                  }
                : {}),
            },
          });
        }
        // Unexpected (what Yoga masks: anything that is not a GraphQLError, such as a Prisma error): log it once, with
        // its stack. Expected ones (GraphQLErrors: bad arguments, page sizes, validation) are the client's, and quiet.
        const cause = error instanceof GraphQLError ? (error.originalError ?? error) : error;
        if (!(cause instanceof GraphQLError)) log.error({ err: cause }, 'GraphQL resolver failed');
        return maskError(error, message, isDev);
      },
    },
    // Yoga reports every error of an execution result; an unexpected one is logged in maskError above (once, with its
    // stack) and an expected one (a domain error outside a typed result, a bad argument) is the client's: debug.
    logging: {
      debug: (...args) => log.debug({ args }, 'yoga'),
      info: (...args) => log.info({ args }, 'yoga'),
      warn: (...args) => log.warn({ args }, 'yoga'),
      error: (...args) => (args.every((arg) => arg instanceof GraphQLError) ? log.debug({ args }, 'yoga') : log.error({ args }, 'yoga')),
    },
    graphiql: async (request) => {
      const auth = await getRequestAuth(request);
      if (production && !auth.user) return false;
      const options = {
        title: translate(auth.locale, 'security.graphiql.title'),
        backLabel: translate(auth.locale, 'security.graphiql.back'),
        lang: auth.locale,
      };
      return options as { title: string };
    },
    renderGraphiQL: renderGraphiQLWithBackLink,
    context: async ({ request }) => {
      const auth = await getRequestAuth(request);
      return { db: services().db, actor: auth.actor, userId: auth.user?.id ?? null, locale: auth.locale, meta: requestMeta(request) };
    },
  });
}
