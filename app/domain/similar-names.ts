// Is a new organisation's name close to an existing one's? Someone registering "Steppe Customs Administration" a
// second time, or "Steppe Custom Administration.", may be impersonating it: the person is warned and must confirm,
// and the platform administrator reviews it. Pure functions; the candidates come from a cheap SQL prefilter.
import { transliterate } from './transliterate';

// Words that do not tell organisations apart: articles, prepositions, legal forms, the demo marker.
const COMMON_WORDS = new Set([
  'the',
  'of',
  'and',
  'for',
  'in',
  'on',
  'at',
  'to',
  'a',
  'an',
  'de',
  'la',
  'le',
  'du',
  'des',
  'der',
  'und',
  'inc',
  'ltd',
  'llc',
  'llp',
  'plc',
  'jsc',
  'ojsc',
  'cjsc',
  'pjsc',
  'co',
  'corp',
  'gmbh',
  'sa',
  'ag',
  'demo',
  'i',
  'v',
  'na',
  'po',
  'g',
  'ooo',
  'oao',
  'zao',
  'pao',
  'ao',
  'too',
  'demo',
]);

/** The words that identify a name: transliterated to Latin, without accents, case, punctuation or common words. */
export function nameTokens(name: string): string[] {
  return transliterate(name.toLowerCase())
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !COMMON_WORDS.has(word));
}

/** Edit distance (insertions, deletions, substitutions), two rows at a time. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * How close two names are, from 0 (unrelated) to 1 (the same once normalised). Word order does not count.
 * Names reduced to nothing (only common words) are never close.
 */
export function nameSimilarity(a: string, b: string): number {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  if (!ta.length || !tb.length) return 0;
  const sa = [...ta].sort().join(' ');
  const sb = [...tb].sort().join(' ');
  const distance = Math.min(levenshtein(ta.join(' '), tb.join(' ')), levenshtein(sa, sb));
  return 1 - distance / Math.max(sa.length, sb.length);
}

/** Close enough to warn: at most about one typo in six characters, and never for very short names unless equal. */
export function namesAreSimilar(a: string, b: string): boolean {
  const similarity = nameSimilarity(a, b);
  if (similarity === 1) return true;
  const shortest = Math.min(nameTokens(a).join(' ').length, nameTokens(b).join(' ').length);
  return shortest >= 6 && similarity >= 0.84;
}

/** Fragments for the SQL prefilter (`name ILIKE '%fragment%'`): the first letters of each identifying word. */
export function prefilterFragments(name: string): string[] {
  // As typed and transliterated, so that a Cyrillic name finds a Latin one (and the reverse, through the stored
  // translations the query also searches).
  const fragments = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 3 && !COMMON_WORDS.has(w))
      .map((w) => w.slice(0, 4))
      .slice(0, 6);
  return [...new Set([...fragments(name), ...fragments(transliterate(name.toLowerCase()))])];
}

/** The candidate most similar to the name, if any is close enough. */
export function mostSimilar<T extends { name: string; otherNames?: string[] }>(name: string, candidates: T[]): T | null {
  let best: { candidate: T; similarity: number } | null = null;
  for (const candidate of candidates) {
    for (const candidateName of [candidate.name, ...(candidate.otherNames ?? [])]) {
      if (!namesAreSimilar(name, candidateName)) continue;
      const similarity = nameSimilarity(name, candidateName);
      if (!best || similarity > best.similarity) best = { candidate, similarity };
    }
  }
  return best?.candidate ?? null;
}
