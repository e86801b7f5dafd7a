// Errors the domain throws. Messages are i18n keys (app/i18n), so the web UI, GraphQL and sockets can each say them
// in the user's language. Every layer maps these to its own shape: field errors in forms, typed GraphQL errors,
// `{ ok: false, error }` socket acknowledgements.
import type { z } from 'zod';
import type { FieldErrors, FieldMessage } from './field-messages';

export type { FieldErrors, FieldMessage };

/** What a validation issue carries, from zod or from any Standard Schema validator (GraphQL input validation). */
type IssueLike = {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[];
  code?: string;
  minimum?: unknown;
  maximum?: unknown;
};

// The generic length messages name the limit ("At least 3 characters", "At most 10 entries"); `count` picks the
// plural form. Other messages say what they mean already ("Use at least 10 characters") and stay plain keys.
const LIMIT_MESSAGES = new Set(['errors.tooShort', 'errors.tooLong', 'errors.tooMany']);

function fieldMessageOf(issue: IssueLike): FieldMessage {
  const key = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
  if (!LIMIT_MESSAGES.has(key)) return key;
  const limit = issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined;
  if (typeof limit !== 'number' && typeof limit !== 'bigint') return key;
  const value = Number(limit);
  return { key, params: issue.code === 'too_small' ? { min: value, count: value } : { max: value, count: value } };
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Input failed validation. `fieldErrors` maps a dotted field path to message keys. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
  constructor(
    public readonly fieldErrors: FieldErrors,
    message = 'errors.validation',
    params: Record<string, string | number> = {},
  ) {
    super(message, params);
  }

  static fromZod(error: z.ZodError): ValidationError {
    return ValidationError.fromIssues(error.issues);
  }

  /**
   * Field errors from validation issues: each at its dotted path (`_form` for the input as a whole), the message a
   * key from app/i18n (anything else reads "invalid"), with the limit for the generic length messages.
   * `root` names a leading path segment to drop (GraphQL's `input` argument).
   */
  static fromIssues(issues: readonly IssueLike[], { root }: { root?: string } = {}): ValidationError {
    const fieldErrors: FieldErrors = {};
    for (const issue of issues) {
      const parts = (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p));
      if (root !== undefined && parts[0] === root) parts.shift();
      (fieldErrors[parts.length ? parts.join('.') : '_form'] ??= []).push(fieldMessageOf(issue));
    }
    return new ValidationError(fieldErrors);
  }

  static field(field: string, message: FieldMessage): ValidationError {
    return new ValidationError({ [field]: [message] });
  }
}

/**
 * A new organisation's name is close to an existing one's: a validation failure on `name` until the person confirms
 * (`confirmSimilarName`). Carries the existing organisation so the form can name it and link to it.
 */
export class SimilarNameError extends ValidationError {
  constructor(public readonly similar: { id: string; slug: string; name: string }) {
    super({ name: ['errors.organizationNameSimilar'] }, 'errors.organizationNameSimilar', { name: similar.name });
  }
}

export class NotAuthenticatedError extends DomainError {
  readonly code = 'NOT_AUTHENTICATED';
  constructor(message = 'errors.notAuthenticated') {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'errors.forbidden') {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(message = 'errors.notFound') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  constructor() {
    // Same message for an unknown email and a wrong password: no account enumeration.
    super('errors.invalidCredentials');
  }
}

export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED';
  constructor(public readonly retryAfterSeconds: number) {
    super('errors.rateLimited', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
  }
}

/** Parse input with a zod schema, throwing a ValidationError with field paths. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error);
  return result.data;
}
