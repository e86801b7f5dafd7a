// Receipt codes of anonymous issues: 16 random digits, shown once to the reporter, stored only as a slow hash (scrypt,
// as passwords are) plus the first 6 digits as a selector to find the candidate rows.
//
// Lookups cost the same whether or not the code exists: every candidate is verified, and when there is none a decoy
// hash is, so timing does not tell a wrong code from an unknown one; both answer NotFoundError.
// Guessing is rate-limited in memory: per client, keyed by an HMAC of its IP address under a random key that lives in
// this process only (no IP address is stored anywhere, not even in memory), and globally.
import crypto from 'node:crypto';
import type { DomainContext } from './context.server';
import { nowOf } from './context.server';
import { NotFoundError, RateLimitedError } from './errors.server';
import { RECEIPT_CODE_DIGITS, formatReceiptCode } from './issue-rules';
import { decoyHash, hashPassword, verifyPassword } from './password.server';

export const RECEIPT_SELECTOR_DIGITS = 6;

/** A new code: 16 digits from the operating system's random source. */
export function generateReceiptDigits(): string {
  let digits = '';
  for (let i = 0; i < RECEIPT_CODE_DIGITS; i++) digits += String(crypto.randomInt(0, 10));
  return digits;
}

export const receiptSelectorOf = (digits: string) => digits.slice(0, RECEIPT_SELECTOR_DIGITS);

/** What an anonymous issue stores of its code, and the code to show once (formatted 1234-5678-9012-3456). */
export async function newReceipt(): Promise<{ receiptCode: string; receiptSelector: string; receiptHash: string }> {
  const digits = generateReceiptDigits();
  return { receiptCode: formatReceiptCode(digits), receiptSelector: receiptSelectorOf(digits), receiptHash: await hashPassword(digits) };
}

// ───────────────────────────── Rate limiting ─────────────────────────────

export type ReceiptLimits = {
  /** Wrong codes one client may try per window. */
  perClient: number;
  /** Wrong codes everyone together may try per window (a distributed guess, and the scrypt work it costs). */
  global: number;
  windowMs: number;
};

export const RECEIPT_LIMITS: ReceiptLimits = { perClient: 10, global: 300, windowMs: 15 * 60 * 1000 };

const clientKeySecret = crypto.randomBytes(32);
/** The in-memory key of a client: an HMAC of its address under a per-process random key; the address is not kept. */
const clientKey = (ip: string | null | undefined) =>
  crypto
    .createHmac('sha256', clientKeySecret)
    .update(ip ?? 'unknown')
    .digest('base64url');

type Limiter = { failures: Map<string, number[]>; global: number[]; limits: ReceiptLimits };
const limiterSymbol = Symbol.for('integrity-compact.receipt-limiter');
const holder = globalThis as unknown as Record<symbol, Limiter | undefined>;
const limiter = (): Limiter => (holder[limiterSymbol] ??= { failures: new Map(), global: [], limits: RECEIPT_LIMITS });

/** Forget every recorded failure, and optionally set other limits (tests). */
export function resetReceiptRateLimits(limits: ReceiptLimits = RECEIPT_LIMITS): void {
  holder[limiterSymbol] = { failures: new Map(), global: [], limits };
}

const recent = (times: number[], now: number, windowMs: number) => times.filter((t) => t > now - windowMs);

/** Throw RateLimitedError while this client, or everyone together, has used up the wrong guesses of the window. */
function assertNotLimited(key: string, now: number): void {
  const state = limiter();
  const { windowMs } = state.limits;
  state.global = recent(state.global, now, windowMs);
  const mine = recent(state.failures.get(key) ?? [], now, windowMs);
  if (mine.length) state.failures.set(key, mine);
  else state.failures.delete(key);
  const wait = (times: number[], limit: number) => (times.length >= limit ? times[times.length - limit] + windowMs - now : 0);
  const retryAfterMs = Math.max(wait(mine, state.limits.perClient), wait(state.global, state.limits.global));
  if (retryAfterMs > 0) throw new RateLimitedError(Math.ceil(retryAfterMs / 1000));
}

function recordFailure(key: string, now: number): void {
  const state = limiter();
  state.failures.set(key, [...(state.failures.get(key) ?? []), now]);
  state.global.push(now);
  // Bound the memory a flood of distinct clients can take: forget the oldest clients beyond 10,000.
  if (state.failures.size > 10_000) {
    const oldest = state.failures.keys().next().value;
    if (oldest !== undefined) state.failures.delete(oldest);
  }
}

// ───────────────────────────── Lookup ─────────────────────────────

/**
 * The anonymous issue a code belongs to. NotFoundError for a wrong or unknown code (the same answer, the same work),
 * RateLimitedError after too many wrong codes. `digits` are the 16 digits (parseReceiptCode).
 */
export async function findIssueByReceipt(ctx: DomainContext, digits: string): Promise<{ issueId: string }> {
  const key = clientKey(ctx.meta?.ip);
  assertNotLimited(key, nowOf(ctx).getTime());
  const candidates = await ctx.db.issue.findMany({
    where: { anonymous: true, receiptSelector: receiptSelectorOf(digits), receiptHash: { not: null } },
    select: { id: true, receiptHash: true },
    orderBy: { id: 'asc' },
  });
  let found: string | null = null;
  if (candidates.length === 0) {
    await verifyPassword(digits, await decoyHash());
  } else {
    // Verify every candidate, even after a match: the work depends only on how many share the selector.
    for (const candidate of candidates) {
      if ((await verifyPassword(digits, candidate.receiptHash!)) && !found) found = candidate.id;
    }
  }
  if (!found) {
    recordFailure(key, nowOf(ctx).getTime());
    throw new NotFoundError('errors.receiptCodeNotFound');
  }
  return { issueId: found };
}
