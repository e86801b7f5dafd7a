// The Pothos builder and its plugins, nothing else. Types live in graphql/schema/, one file each.
import SchemaBuilder, { PothosValidationError } from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { ValidationError } from '../app/domain/errors.server';
import type PrismaTypes from '../prisma/generated/pothos-types';
import { getDatamodel } from '../prisma/generated/pothos-types';
import type { GraphQLContext } from './context';

/** Every connection pages at most this many items at a time, and this many when `first`/`last` are omitted. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Every connection's `maxSize`: refuses a page size out of range with a clear error instead of silently clamping it
 * (Pothos asks for the maximum before it queries). Pass it to each `prismaConnection`/`relatedConnection`; the
 * builder-wide maximum below only clamps, as a backstop.
 */
export function pageSize(args: { first?: number | null; last?: number | null }) {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw new PothosValidationError(`${name} must be between 1 and ${MAX_PAGE_SIZE}`, { extensions: { code: 'BAD_USER_INPUT' } });
    }
  }
  return MAX_PAGE_SIZE;
}

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  // Authorisation is decided by the policy (app/domain/policy.server.ts): types and fields call `can()`; no scopes.
  AuthScopes: Record<string, never>;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number | bigint };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: () => ({}),
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
    maxConnectionSize: MAX_PAGE_SIZE,
    defaultConnectionSize: DEFAULT_PAGE_SIZE,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    firstArgOptions: { description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` },
    lastArgOptions: { description: `Page size from the end, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` },
  },
  errors: {
    // Input that fails a zod schema on an input type becomes a typed ValidationError result, like the domain's own.
    unsafelyHandleInputErrors: true,
    defaultTypes: [],
  },
  validation: {
    // The same mapping as the domain's parseInput: paths relative to the `input` argument, limits in the messages
    // (the issues are zod's, with `minimum`/`maximum`, behind the Standard Schema type).
    validationError: (result) => ValidationError.fromIssues(result.issues, { root: 'input' }),
  },
});
