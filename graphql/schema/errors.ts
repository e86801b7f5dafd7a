// Typed, expected errors. Every one implements `Error { code message }`; messages are in the caller's language.
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../../app/domain/errors.server';
import { translate } from '../../app/i18n';
import { builder } from '../builder';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure: bad input, missing permission, a conflict. Unexpected failures are GraphQL errors.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A stable machine-readable code, e.g. VALIDATION or FORBIDDEN.' }),
    message: t.string({
      description: "A human-readable message in the caller's language (Accept-Language or their preference).",
      resolve: (error, _args, ctx) => translate(ctx.locale, error.message, error.params),
    }),
  }),
});

const FieldError = builder.objectRef<{ path: string; messages: string[] }>('FieldError').implement({
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path of the input field, e.g. "email".' }),
    messages: t.stringList({
      resolve: (field, _args, ctx) => field.messages.map((key) => translate(ctx.locale, key)),
    }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      resolve: (error) => Object.entries(error.fieldErrors).map(([path, messages]) => ({ path, messages })),
    }),
  }),
});

builder.objectType(NotAuthenticatedError, { name: 'NotAuthenticatedError', interfaces: [ErrorInterface], fields: () => ({}) });
builder.objectType(ForbiddenError, { name: 'ForbiddenError', interfaces: [ErrorInterface], fields: () => ({}) });
builder.objectType(NotFoundError, { name: 'NotFoundError', interfaces: [ErrorInterface], fields: () => ({}) });
builder.objectType(ConflictError, { name: 'ConflictError', interfaces: [ErrorInterface], fields: () => ({}) });
builder.objectType(InvalidCredentialsError, { name: 'InvalidCredentialsError', interfaces: [ErrorInterface], fields: () => ({}) });

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
});

/** The errors any mutation can return. */
export const commonErrors = [ValidationError, NotAuthenticatedError, ForbiddenError, NotFoundError, ConflictError];
