// Splits a text into plain and marked pieces for the terms two listings share. Only whole terms are marked:
// single characters (焊 inside 焊接) never, English words only on word boundaries (not "art" in "start"), and
// terms next to each other become one mark, so a title reads as whole phrases rather than fragments.

export type Piece = { text: string; mark: boolean };

const LATIN = /^[\p{Script=Latin}\d\s.-]+$/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlightPieces(text: string, terms: readonly string[]): Piece[] {
  if (!text) return [];
  const clean = [...new Set(terms.map((t) => t.trim()).filter((t) => [...t].length > 1))].sort((a, b) => b.length - a.length);
  const marks: Array<[number, number]> = [];
  const lower = text.toLowerCase();
  for (const term of clean) {
    const re = LATIN.test(term)
      ? new RegExp(`(?<![\\p{L}\\p{N}])${escape(term.toLowerCase())}(?![\\p{L}\\p{N}])`, 'gu')
      : new RegExp(escape(term.toLowerCase()), 'gu');
    for (const m of lower.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      // Longer terms were placed first; a shorter one inside them adds nothing.
      if (!marks.some(([s, e]) => start < e && end > s)) marks.push([start, end]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of marks) {
    const last = merged[merged.length - 1];
    // Adjacent terms (焊缝 + 跟踪, or "weld" + " " + "seam") read as one phrase.
    if (last && (s === last[1] || (s === last[1] + 1 && text[last[1]] === ' '))) last[1] = e;
    else merged.push([s, e]);
  }
  const pieces: Piece[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) pieces.push({ text: text.slice(at, s), mark: false });
    pieces.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), mark: false });
  return pieces;
}
