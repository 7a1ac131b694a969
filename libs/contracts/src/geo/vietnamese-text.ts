// Text keys for matching Vietnamese names typed by people against the official list. Two strengths:
// - foldVietnamese drops every mark ("Hòa", "Hoà", "Hoa" and "hoá" all become "hoa"). It tolerates
//   typing without diacritics, but it also merges different names ("Tân Thành" / "Tân Thạnh").
// - accentKey keeps the marks but ignores where the tone mark sits. The NSO list itself mixes "Hòa" and
//   "Hoà", and so do people and IMEs.

/**
 * The five tone marks as combining characters after NFD: huyền, sắc, ngã, hỏi, nặng. The vowel marks
 * (circumflex U+0302, breve U+0306, horn U+031B) are not tones and stay in place.
 */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/gu;
const COMBINING_MARKS = /\p{M}/gu;
/** đ has no decomposition, so NFD keeps it. ð (U+00F0, Icelandic eth) is a common look-alike typed in its place. */
const D_STROKE = /[đð]/gu;
/** Hyphens and dashes: names like "Văn Miếu - Quốc Tử Giám" get typed with or without them. */
const DASHES = /[-\u2010-\u2015\u2212]/gu;
/** Apostrophes in minority-language names ("B'Lao", "Ea H'Leo"). The NSO writes both ' and U+2019. */
const APOSTROPHES = /['\u2018\u2019\u02BC\u0060\u00B4]/gu;

/**
 * Folds Vietnamese text for loose comparison. It NFC-normalises, lower-cases, removes every tone and vowel
 * mark, maps đ to d, collapses whitespace and trims. "Xã Phố Bảng", "xa pho bang" and "XÃ  PHỐ BẢNG" all
 * fold to "xa pho bang".
 * Use it to compare, never to display: it merges distinct names such as "Mỹ Tho" and "Mỹ Thọ".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_STROKE, 'd')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Removes punctuation that people write in more than one way, so that it cannot block a match. */
function normalisePunctuation(text: string): string {
  return text.replace(DASHES, ' ').replace(APOSTROPHES, '').replace(/\s+/gu, ' ').trim();
}

/**
 * A loose name key for matching: it folds the text and also ignores dashes and apostrophes.
 * "Ea H’Leo" and "ea hleo" give the same key, and so do "Văn Miếu - Quốc Tử Giám" and "van mieu quoc tu giam".
 */
export function foldedNameKey(text: string): string {
  return normalisePunctuation(foldVietnamese(text));
}

/**
 * An accent-preserving name key that ignores where the tone mark is placed. Within each syllable the tone mark
 * moves to the end, so "Hòa" and "Hoà" (and "Thủy" and "Thuỷ") give the same key. "Thạnh" and "Thành"
 * still differ, and so do "Đông" and "Đồng".
 * The key is in NFD form and is only meant to be compared with other keys from this function.
 */
export function accentNameKey(text: string): string {
  return normalisePunctuation(text.normalize('NFC').toLowerCase())
    .normalize('NFD')
    .replace(/ð/gu, 'đ')
    .split(' ')
    .map((syllable) => {
      const tones = syllable.match(TONE_MARKS);
      return tones ? syllable.replace(TONE_MARKS, '') + tones.join('') : syllable;
    })
    .join(' ');
}

/**
 * True when the text carries any Vietnamese diacritic or đ. Without one, the writer typed it without
 * diacritics, so an unmarked official name such as "Thanh An" must not beat "Thạnh An": the input fits both.
 */
export function hasVietnameseMarks(text: string): boolean {
  const decomposed = text.normalize('NFD');
  return /\p{M}/u.test(decomposed) || /[đĐðÐ]/u.test(decomposed);
}
