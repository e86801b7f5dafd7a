// What every route loader and action starts with: who is asking (the domain context), which of the form's intents
// to run, and the form's fields as the domain's zod schema expects them. Server only.
import { data } from 'react-router';
import type { z } from 'zod';
import { getRequestAuth, requestMeta } from '../auth/session.server';
import type { DomainContext } from '../domain/context.server';
import { services } from '../services.server';

/** The request's auth (user, session, locale) and the domain context built from it, written once. */
export async function routeContext(request: Request) {
  const auth = await getRequestAuth(request);
  const ctx: DomainContext & { meta: NonNullable<DomainContext['meta']> } = { db: services().db, actor: auth.actor, meta: requestMeta(request) };
  return { auth, ctx };
}

/**
 * Run the handler named by the form's `intent` field. Only the handlers' own keys count: an unknown intent, a
 * missing one, or an inherited name such as `toString`, `__proto__` or `constructor` answers 400.
 */
export async function dispatchIntent<H extends Record<string, (intent: string) => unknown>>(
  formData: FormData,
  handlers: H,
): Promise<Awaited<ReturnType<H[keyof H]>>> {
  const intent = formData.get('intent');
  if (typeof intent !== 'string' || !Object.hasOwn(handlers, intent)) throw data({ error: 'Unknown intent' }, { status: 400 });
  const handler = handlers[intent];
  if (typeof handler !== 'function') throw data({ error: 'Unknown intent' }, { status: 400 });
  return (await handler(intent)) as Awaited<ReturnType<H[keyof H]>>;
}

type Def = { type: string; innerType?: ZodLike; in?: ZodLike; element?: ZodLike; shape?: Record<string, ZodLike> };
type ZodLike = { _zod: { def: Def } };
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The field's underlying type (string, number, boolean, array, enum …) and whether it may be left out. */
function fieldKind(schema: ZodLike): { type: string; optional: boolean } {
  let current: ZodLike | undefined = schema;
  let optional = false;
  while (current) {
    const def: Def = current._zod.def;
    if (WRAPPERS.has(def.type)) {
      if (def.type !== 'nonoptional') optional = true;
      current = def.innerType;
    } else if (def.type === 'pipe') current = def.in;
    else return { type: def.type, optional };
  }
  return { type: 'unknown', optional };
}

function objectShape(schema: ZodLike): Record<string, ZodLike> {
  let current: ZodLike | undefined = schema;
  while (current) {
    const def: Def = current._zod.def;
    if (def.type === 'object') return def.shape ?? {};
    current = WRAPPERS.has(def.type) ? def.innerType : def.type === 'pipe' ? def.in : undefined;
  }
  throw new Error('parseForm needs an object schema');
}

function coerce(value: string, type: string): unknown {
  if (type === 'number' || type === 'int') {
    const n = Number(value);
    // Something that is not a number stays text: the schema then reports the field's own message.
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === 'true' || value === 'on' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
  return value;
}

/**
 * Turn FormData into the input the domain's zod schema expects, so a field's name is mapped once (in the schema).
 * Only the schema's fields are read; repeated fields become arrays (array fields, and those named in `arrays`, drop
 * empty entries); numbers and booleans are converted; an empty field becomes undefined so the schema says
 * "required" or applies its default. Files are ignored. The domain function still validates the result.
 */
export function parseForm<S extends z.ZodType>(schema: S, formData: FormData, { arrays = [] }: { arrays?: string[] } = {}): Partial<z.input<S>> {
  const shape = objectShape(schema as unknown as ZodLike);
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const kind = fieldKind(shape[key]);
    const texts = formData.getAll(key).filter((v): v is string => typeof v === 'string');
    if (kind.type === 'array' || arrays.includes(key)) {
      const element = (() => {
        let s: ZodLike | undefined = shape[key];
        while (s && s._zod.def.type !== 'array')
          s = WRAPPERS.has(s._zod.def.type) ? s._zod.def.innerType : s._zod.def.type === 'pipe' ? s._zod.def.in : undefined;
        return s?._zod.def.element ? fieldKind(s._zod.def.element).type : 'string';
      })();
      const items = texts.map((v) => v.trim()).filter((v) => v !== '');
      if (items.length || formData.has(key)) result[key] = items.map((v) => coerce(v, element));
      continue;
    }
    if (!texts.length) continue;
    const value = texts[0];
    if (value.trim() === '') {
      result[key] = kind.type === 'boolean' ? false : undefined;
      continue;
    }
    result[key] = coerce(value, kind.type);
  }
  return result as Partial<z.input<S>>;
}
