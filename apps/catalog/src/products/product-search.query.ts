/** A query word as PostgreSQL's text-search parser split it, with the vocabulary's nearest words if it is not a known one. */
export interface QueryWord {
  word: string;
  /** Nearest vocabulary words by trigram similarity (best first); empty when `word` is itself in the vocabulary. */
  near: string[];
}

/** Words after the first eight add little but cost a group each. */
export const MAX_QUERY_WORDS = 8;
/** The last word also matches as a prefix ("sau rie" finds "sầu riêng"), once it is this long. */
const MIN_PREFIX_LENGTH = 3;

/** A lexeme quoted for tsquery input (single quotes doubled, backslashes escaped). */
function lexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** One word's alternatives: the word (a prefix if it is the last), or any of its nearest vocabulary words. */
function group(w: QueryWord, last: boolean): string {
  const own = lexeme(w.word) + (last && w.word.length >= MIN_PREFIX_LENGTH ? ':*' : '');
  const alternatives = [own, ...w.near.filter((n) => n !== w.word).map(lexeme)];
  return alternatives.length === 1 ? own : `(${alternatives.join(' | ')})`;
}

/**
 * The tsquery text for the words: every word must match (through one of its alternatives). When
 * `relaxed`, a document may miss any one word (for three words or more) — the fallback for a
 * query where one word is wrong beyond repair ("buon me thuot" for "Buôn Ma Thuột").
 * Returns null when there are no words.
 */
export function buildTsQuery(words: readonly QueryWord[], relaxed = false): string | null {
  const unique = words.filter((w, i) => words.findIndex((o) => o.word === w.word) === i).slice(0, MAX_QUERY_WORDS);
  if (unique.length === 0) return null;
  const groups = unique.map((w, i) => group(w, i === unique.length - 1));
  if (!relaxed || groups.length < 3) return groups.join(' & ');
  return groups.map((_, skip) => `(${groups.filter((__, i) => i !== skip).join(' & ')})`).join(' | ');
}

/** Whether a query with no strict match is worth a relaxed retry. */
export function canRelax(words: readonly QueryWord[]): boolean {
  return new Set(words.map((w) => w.word)).size >= 3;
}
