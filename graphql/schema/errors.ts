// Typed, expected errors. Every one implements `Error { code message }`; messages are in the caller's language.
// Each mutation lists the ones its domain function can throw (`errors: { types: [...] }`), no more.
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  NotFoundError,
  RateLimitedError,
  SimilarNameError,
  ValidationError,
} from '../../app/domain/errors.server';
import { type FieldMessage, messageArgs } from '../../app/domain/field-messages';
import { translate } from '../../app/i18n';
import { builder } from '../builder';
import { Organization } from './organization';

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

type FieldErrorShape = { path: string; messages: FieldMessage[]; params: Record<string, string | number> };

const FieldError = builder.objectRef<FieldErrorShape>('FieldError').implement({
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path of the input field, e.g. "email".' }),
    messages: t.stringList({
      description: 'What is wrong with it, in the caller\'s language, naming the limit where there is one ("At least 5 characters").',
      resolve: (field, _args, ctx) => field.messages.map((message) => translate(ctx.locale, ...messageArgs(message, field.params))),
    }),
  }),
});

/**
 * A validation error's field errors. A message names its own parameters (a length limit) and the error's (the
 * similar name of a SimilarNameError).
 */
const fieldErrorsOf = (error: ValidationError): FieldErrorShape[] =>
  Object.entries(error.fieldErrors).map(([path, messages]) => ({ path, messages, params: error.params }));

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      resolve: fieldErrorsOf,
    }),
  }),
});

builder.objectType(SimilarNameError, {
  name: 'SimilarNameError',
  interfaces: [ErrorInterface],
  description:
    'The name is close to an existing organisation’s. Check it is not the same one; to go ahead, repeat with confirmSimilarName: true (a platform administrator reviews it).',
  fields: (t) => ({
    fieldErrors: t.field({
      type: [FieldError],
      resolve: fieldErrorsOf,
    }),
    similarOrganization: t.field({
      type: Organization,
      nullable: true,
      resolve: (error, _args, ctx) => ctx.db.organization.findUnique({ where: { id: error.similar.id } }),
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
