// The Pothos builder and its plugins, nothing else. Types live in graphql/schema/, one file each.
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { ValidationError } from '../app/domain/errors.server';
import type PrismaTypes from '../prisma/generated/pothos-types';
import { getDatamodel } from '../prisma/generated/pothos-types';
import type { GraphQLContext } from './context';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean; platformAdmin: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number | bigint };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, PrismaPlugin, RelayPlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) => ({
      signedIn: ctx.actor.kind === 'user',
      platformAdmin: ctx.actor.kind === 'user' && ctx.actor.isPlatformAdmin,
    }),
  },
  prisma: {
    client: (ctx) => ctx.db,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
  },
  errors: {
    // Input that fails a zod schema on an input type becomes a typed ValidationError result, like the domain's own.
    unsafelyHandleInputErrors: true,
    defaultTypes: [],
  },
  validation: {
    validationError: (result) => {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of result.issues) {
        const parts = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p));
        if (parts[0] === 'input') parts.shift();
        const key = parts.length ? parts.join('.') : '_form';
        (fieldErrors[key] ??= []).push(issue.message.startsWith('errors.') ? issue.message : 'errors.invalid');
      }
      return new ValidationError(fieldErrors);
    },
  },
});
