// The public register's view as it lives in the URL: filters, sort and page. Parsed leniently (an unknown value is
// ignored, never an error: a register link pasted from anywhere still opens) and written back canonically, so the
// page, its CSV download and its pagination links all describe the same rows. Pure: shared by server and browser.
import { isCountryCode } from './countries';
import type { SignatureStatus } from './pledge-rules';

export const REGISTER_PAGE_SIZE = 50;
/** The same list as pledge-schemas' SIGNATURE_STATUSES, without pulling zod into the browser's bundle. */
export const REGISTER_STATUSES = ['ACTIVE', 'LAPSED', 'WITHDRAWN'] as const satisfies readonly SignatureStatus[];
/** Organisation kinds that sign pledges (partners never do). */
export const SIGNING_KINDS = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION'] as const;
export type SigningKind = (typeof SIGNING_KINDS)[number];
/** Columns the register sorts by. Status is a filter rather than a sort: it is computed at the moment of asking. */
export const REGISTER_SORTS = ['organization', 'kind', 'country', 'version', 'signed', 'renewed', 'lapses', 'withdrawn'] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

export type RegisterFilters = {
  status?: SignatureStatus;
  kind?: SigningKind;
  country?: string;
  /** true: verified organisations only; false: unverified only. */
  verified?: boolean;
  /** Part of the organisation's name. */
  q?: string;
};

export type RegisterQuery = RegisterFilters & {
  sort: RegisterSort;
  dir: SortDirection;
  /** Keyset cursors: the id of the last row of the previous page, or of the first row of the next one. */
  after?: string;
  before?: string;
};

export const DEFAULT_SORT: RegisterSort = 'signed';
/** Each column's natural first direction: names A→Z, dates newest first. */
export const DEFAULT_DIRECTION: Record<RegisterSort, SortDirection> = {
  organization: 'asc',
  kind: 'asc',
  country: 'asc',
  version: 'desc',
  signed: 'desc',
  renewed: 'desc',
  lapses: 'asc',
  withdrawn: 'desc',
};

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const cursor = (value: string | null) => (value && /^[A-Za-z0-9_-]{1,64}$/.test(value) ? value : undefined);

export function parseRegisterQuery(params: URLSearchParams): RegisterQuery {
  const sort = pick(params.get('sort'), REGISTER_SORTS) ?? DEFAULT_SORT;
  const country = params.get('country')?.toUpperCase() ?? '';
  const verified = params.get('verified');
  const q = (params.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
  const after = cursor(params.get('after'));
  return {
    status: pick(params.get('status'), REGISTER_STATUSES),
    kind: pick(params.get('kind'), SIGNING_KINDS),
    country: isCountryCode(country) ? country : undefined,
    verified: verified === 'yes' ? true : verified === 'no' ? false : undefined,
    q: q || undefined,
    sort,
    dir: pick(params.get('dir'), ['asc', 'desc'] as const) ?? DEFAULT_DIRECTION[sort],
    after,
    before: after ? undefined : cursor(params.get('before')),
  };
}

export const hasFilters = (query: RegisterFilters) =>
  query.status !== undefined || query.kind !== undefined || query.country !== undefined || query.verified !== undefined || query.q !== undefined;

/** The query string of a register view ('' for the default one), with some parts changed. Page cursors are dropped unless given. */
export function registerSearch(query: RegisterQuery, changes: Partial<RegisterQuery> = {}): string {
  const next = { ...query, after: undefined, before: undefined, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.status) params.set('status', next.status);
  if (next.kind) params.set('kind', next.kind);
  if (next.country) params.set('country', next.country);
  if (next.verified !== undefined) params.set('verified', next.verified ? 'yes' : 'no');
  if (next.sort !== DEFAULT_SORT || next.dir !== DEFAULT_DIRECTION[next.sort]) {
    params.set('sort', next.sort);
    params.set('dir', next.dir);
  }
  if (next.after) params.set('after', next.after);
  else if (next.before) params.set('before', next.before);
  const text = params.toString();
  return text ? `?${text}` : '';
}
