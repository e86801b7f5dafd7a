// Password hashing with scrypt (node:crypto): slow, memory-hard, no native dependency.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const N = 2 ** 15;
const r = 8;
const p = 1;
const KEYLEN = 32;
const maxmem = 128 * N * r * 2;

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r, p, maxmem });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const params = { N: Number(n), r: Number(rr), p: Number(pp) };
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    ...params,
    maxmem: 128 * params.N * params.r * 2,
  });
  return crypto.timingSafeEqual(key, expected);
}

/** A hash of a random password: verifying against it costs the same as a real one (unknown emails). */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  return decoy;
}

// Strength: zxcvbn-ts with its offline dictionaries (common passwords, English words, names, keyboard patterns).
// The dictionaries are large (several MB), so they load once, on first use, on the server only.
export const MIN_PASSWORD_SCORE = 3;

type Estimator = { check(password: string, userInputs?: (string | number)[]): { score: number; feedback: { warning: string | null; suggestions: string[] } } };
let estimator: Promise<Estimator> | null = null;

function loadEstimator(): Promise<Estimator> {
  estimator ??= (async () => {
    const [{ ZxcvbnFactory }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    // Feedback comes back as its own keys (the translation table maps each key to itself), so the message can be
    // said in the reader's language from app/i18n rather than in zxcvbn's English.
    const keysOf = <T extends Record<string, string>>(table: T) => Object.fromEntries(Object.keys(table).map((k) => [k, k])) as T;
    const translations = {
      warnings: keysOf(english.translations.warnings),
      suggestions: keysOf(english.translations.suggestions),
      timeEstimation: english.translations.timeEstimation,
    };
    return new ZxcvbnFactory({
      translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...english.dictionary },
    }) as unknown as Estimator;
  })();
  estimator.catch(() => {
    estimator = null;
  });
  return estimator;
}

/** zxcvbn warnings and suggestions that have a message of their own (app/i18n/parts/accounts.ts). */
export const PASSWORD_WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
] as const;
export const PASSWORD_SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
] as const;

/**
 * Null when the password is hard enough to guess; otherwise the i18n key of a message that says why
 * ("This password is too easy to guess: …"). `userInputs` (the person's name and email) count as easy to guess.
 */
export async function passwordWeakness(password: string, userInputs: string[] = []): Promise<string | null> {
  const zxcvbn = await loadEstimator();
  // zxcvbn's cost grows with length; beyond 100 characters the first 100 decide (and are plenty).
  const inputs = userInputs.flatMap((input) => [input, ...input.toLowerCase().split(/[^\p{L}\p{N}]+/u)]).filter((part) => part.length >= 3);
  const result = zxcvbn.check(password.slice(0, 100), inputs);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning;
  if (warning && (PASSWORD_WARNINGS as readonly string[]).includes(warning)) return `errors.passwordWeak.${warning}`;
  const suggestion = result.feedback.suggestions.find((s) => (PASSWORD_SUGGESTIONS as readonly string[]).includes(s));
  if (suggestion) return `errors.passwordWeak.try.${suggestion}`;
  return 'errors.passwordWeak';
}
