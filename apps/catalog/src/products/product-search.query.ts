import type { QueryPart, SynonymSet } from './search-synonyms';

/** A query word as PostgreSQL's text-search parser split it, with the vocabulary's nearest words if it is not a known one. */
export interface QueryWord {
  word: string;
  /** Nearest vocabulary words by trigram similarity (best first); empty when `word` is itself in the vocabulary. */
  near: string[];
}

/** A part of the query as the tsquery sees it: a word (with its corrections) or a group of alternatives. */
export type QueryTerm = { word: QueryWord } | { key: string; alternatives: string[] };

/** Words after the first eight add little but cost a group each. */
export const MAX_QUERY_WORDS = 8;
/** The last word also matches as a prefix ("sau rie" finds "sầu riêng"), once it is this long. */
const MIN_PREFIX_LENGTH = 3;

/** The lexeme a product's search document holds for its origin province (migration ProductSearchProvince). */
export const provinceLexeme = (code: string) => `province:${code}`;

/** A lexeme quoted for tsquery input (single quotes doubled, backslashes escaped). */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A folded phrase as a tsquery: its words in this order, next to each other. */
function phrase(text: string): string {
  const words = text.split(' ').map(lexeme);
  return words.length === 1 ? words[0] : `(${words.join(' <-> ')})`;
}

/** Any phrase of a synonym set, or the origin province of one of its provinces. */
export function setTerm(key: string, set: SynonymSet): QueryTerm {
  return { key, alternatives: [...set.phrases.map(phrase), ...set.provinces.map((c) => lexeme(provinceLexeme(c)))] };
}

/** Letters and a number: written together ("st25"), apart ("st 25") or hyphenated ("st-25", parsed as "st" and "-25"). */
export function codeTerm(letters: string, digits: string): QueryTerm {
  return {
    key: `${letters}${digits}`,
    alternatives: [
      lexeme(`${letters}${digits}`),
      `(${lexeme(letters)} & ${lexeme(digits)})`,
      `(${lexeme(letters)} & ${lexeme(`-${digits}`)})`,
    ],
  };
}

/** The terms of a query: its synonym sets and codes as groups, its other words as the parser split them (`words[i]`: word part i). */
export function queryTerms(parts: readonly QueryPart[], words: ReadonlyMap<number, readonly QueryWord[]>): QueryTerm[] {
  return parts.flatMap((part, i): QueryTerm[] => {
    switch (part.kind) {
      case 'set':
        return [setTerm(part.key, part.set)];
      case 'code':
        return [codeTerm(part.letters, part.digits)];
      case 'word':
        return (words.get(i) ?? []).map((word) => ({ word }));
    }
  });
}

/** One word's alternatives: the word (a prefix if it is the last), or any of its nearest vocabulary words. */
function group(t: QueryTerm, last: boolean): string {
  if (!('word' in t)) return t.alternatives.length === 1 ? t.alternatives[0] : `(${t.alternatives.join(' | ')})`;
  const w = t.word;
  const own = lexeme(w.word) + (last && w.word.length >= MIN_PREFIX_LENGTH ? ':*' : '');
  const alternatives = [own, ...w.near.filter((n) => n !== w.word).map(lexeme)];
  return alternatives.length === 1 ? own : `(${alternatives.join(' | ')})`;
}

const termKey = (t: QueryTerm) => ('word' in t ? t.word.word : `\u0000${t.key}`);

/** Plain words as terms (a query with no synonyms or codes). */
export const wordTerms = (words: readonly QueryWord[]): QueryTerm[] => words.map((word) => ({ word }));

/**
 * The tsquery text for the terms: every term must match (through one of its alternatives). When
 * `relaxed`, a document may miss any one term (for three terms or more) — the fallback for a
 * query where one word is wrong beyond repair.
 * Returns null when there are no terms.
 */
export function buildTsQuery(terms: readonly QueryTerm[], relaxed = false): string | null {
  const unique = terms.filter((t, i) => terms.findIndex((o) => termKey(o) === termKey(t)) === i).slice(0, MAX_QUERY_WORDS);
  if (unique.length === 0) return null;
  const groups = unique.map((t, i) => group(t, i === unique.length - 1));
  if (!relaxed || groups.length < 3) return groups.join(' & ');
  return groups.map((_, skip) => `(${groups.filter((__, i) => i !== skip).join(' & ')})`).join(' | ');
}

/** Whether a query with no strict match is worth a relaxed retry. */
export function canRelax(terms: readonly QueryTerm[]): boolean {
  return new Set(terms.map(termKey)).size >= 3;
}
