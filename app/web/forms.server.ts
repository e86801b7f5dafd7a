// How route actions turn domain errors into responses: field errors and a form-level message, as i18n keys.
import { data } from 'react-router';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCredentialsError,
  NotAuthenticatedError,
  NotFoundError,
  RateLimitedError,
  ValidationError,
} from '../domain/errors.server';
import type { FormErrors } from './forms';

function statusOf(error: DomainError): number {
  if (error instanceof ValidationError) return 400;
  if (error instanceof InvalidCredentialsError || error instanceof NotAuthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof RateLimitedError) return 429;
  return 400;
}

/** Run a domain call; expected failures become `{ errors }` with the right status, anything else propagates. */
export async function attempt<T>(
  work: () => Promise<T>,
  extra: Record<string, unknown> = {},
): Promise<{ ok: true; value: T } | { ok: false; response: ReturnType<typeof data<{ errors: FormErrors } & Record<string, unknown>>> }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const errors: FormErrors = {
      formError: { key: error.message, params: error.params },
      ...(error instanceof ValidationError ? { fieldErrors: error.fieldErrors } : {}),
    };
    const headers: HeadersInit = error instanceof RateLimitedError ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return { ok: false, response: data({ errors, ...extra }, { status: statusOf(error), headers }) };
  }
}

export function formValues(formData: FormData, omit: string[] = ['password']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === 'string' && !omit.includes(key)) values[key] = value;
  return values;
}
