// Finding a ward by the name a person typed, within one province. Codes are what we store; names are
// what people type, and they type them in many ways: with or without the "Xã"/"Phường" prefix, without
// diacritics, with the tone mark on another vowel, "P." for Phường.
//
// Matching goes in two stages, and the first stage that finds anything wins:
//  1. accent-aware: marks are kept, tone-mark placement is ignored ("Hoà" = "Hòa"). This stage only runs when
//     the input has diacritics. Folding merges 10 pairs of wards within the same province ("Tân Thành" /
//     "Tân Thạnh", "Mỹ Tho" / "Mỹ Thọ", ...), and a user who typed the marks has already told them apart.
//  2. folded: all marks are dropped. This stage catches unaccented input and small misspellings of marks
//     ("Phó Bảng" for "Phố Bảng"). It can return several wards.
// When several wards match and the input carried a type prefix, the prefix breaks the tie. The prefix never
// filters on its own, because wards change type. Ten Đồng Nai communes became phường on 2026-04-30, and
// the data still calls them xã.
import type { Ward, WardType } from './admin-units';
import { accentNameKey, foldedNameKey, hasVietnameseMarks } from './vietnamese-text';

/** Keys of the ward names of one province, each mapped to the wards that have that key. */
interface NameIndex {
  readonly accent: ReadonlyMap<string, readonly Ward[]>;
  readonly folded: ReadonlyMap<string, readonly Ward[]>;
}

/** A lookup key from the input, with the ward type its stripped prefix named (if any). */
interface InputKey {
  readonly key: string;
  readonly hint?: WardType;
}

/** No official name comes near this length. Longer input is rejected before any work is done on it. */
const MAX_NAME_LENGTH = 200;

const PREFIX_WORDS: ReadonlyArray<readonly [WardType, string]> = [
  ['xa', 'Xã'],
  ['phuong', 'Phường'],
  ['dac_khu', 'Đặc khu'],
];
/** "P. Ba Đình", "X.Ba Chẽ": the usual abbreviations in written addresses. No short name starts with "p." or "x.". */
const ABBREVIATED_PREFIX = /^\s*([PpXx])\.\s*(\S.*)$/su;

// The per-province index is keyed by the frozen ward list that admin-units shares. It is built on the first lookup
// in that province and is released together with that list.
const indexes = new WeakMap<readonly Ward[], NameIndex>();

function add(map: Map<string, Ward[]>, key: string, ward: Ward): void {
  const list = map.get(key);
  if (!list) map.set(key, [ward]);
  else if (!list.includes(ward)) list.push(ward);
}

function indexFor(wards: readonly Ward[]): NameIndex {
  let index = indexes.get(wards);
  if (!index) {
    const accent = new Map<string, Ward[]>();
    const folded = new Map<string, Ward[]>();
    for (const ward of wards) {
      // Both the short and the full name are indexed. A prefixed input then matches the full name as typed,
      // which matters for short names that begin like a prefix ("Phương Liệt" folds to "phuong liet").
      for (const name of [ward.shortName, ward.name]) {
        add(accent, accentNameKey(name), ward);
        add(folded, foldedNameKey(name), ward);
      }
    }
    index = { accent, folded };
    indexes.set(wards, index);
  }
  return index;
}

/** The input as typed, plus a version without its type prefix if it had one. */
function inputKeys(name: string, keyOf: (text: string) => string): InputKey[] {
  const keys: InputKey[] = [{ key: keyOf(name) }];
  const abbreviated = ABBREVIATED_PREFIX.exec(name);
  if (abbreviated) keys.push({ key: keyOf(abbreviated[2]), hint: abbreviated[1].toLowerCase() === 'p' ? 'phuong' : 'xa' });
  for (const [type, words] of PREFIX_WORDS) {
    const prefix = `${keyOf(words)} `;
    if (keys[0].key.startsWith(prefix)) keys.push({ key: keys[0].key.slice(prefix.length), hint: type });
  }
  return keys;
}

function lookup(map: ReadonlyMap<string, readonly Ward[]>, keys: readonly InputKey[]): Ward[] {
  const found = new Set<Ward>();
  for (const { key } of keys) for (const ward of map.get(key) ?? []) found.add(ward);
  let matches = [...found];
  const hints = new Set(keys.flatMap((k) => (k.hint ? [k.hint] : [])));
  if (matches.length > 1 && hints.size > 0) {
    const narrowed = matches.filter((w) => hints.has(w.type));
    if (narrowed.length > 0) matches = narrowed;
  }
  return matches.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * The wards in `wards` (one province's list, as admin-units holds it) that `name` designates. The best stage
 * that matches wins (see the top of this file), and the result is in code order. Returns an empty list for an
 * empty or overlong input.
 */
export function matchWardNames(wards: readonly Ward[], name: string): Ward[] {
  if (name.length > MAX_NAME_LENGTH || name.trim() === '') return [];
  const index = indexFor(wards);
  if (hasVietnameseMarks(name)) {
    const exact = lookup(index.accent, inputKeys(name, accentNameKey));
    if (exact.length > 0) return exact;
  }
  return lookup(index.folded, inputKeys(name, foldedNameKey));
}
