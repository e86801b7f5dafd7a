// Errors the domain throws. Messages are i18n keys (app/i18n), so the web UI, GraphQL and sockets can each say them
// in the user's language. Every layer maps these to its own shape: field errors in forms, typed GraphQL errors,
// `{ ok: false, error }` socket acknowledgements.
import type { z } from 'zod';

export type FieldErrors = Record<string, string[]>;

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
    const fieldErrors: FieldErrors = {};
    for (const issue of error.issues) {
      const key = issue.path.length ? issue.path.join('.') : '_form';
      const message = issue.message.startsWith('errors.') ? issue.message : 'errors.invalid';
      (fieldErrors[key] ??= []).push(message);
    }
    return new ValidationError(fieldErrors);
  }

  static field(field: string, message: string): ValidationError {
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
