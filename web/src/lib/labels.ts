// Short chart labels for long names (institutions on a category axis): the full name stays in the tooltip.

/** How wide a text reads: a CJK character takes the room of two Latin ones. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

// Words English institution names repeat; their abbreviations keep the distinguishing words readable.
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bUniversity\b/g, 'Univ.'], [/\bInstitute\b/g, 'Inst.'], [/\bTechnology\b/g, 'Tech.'], [/\bInformation\b/g, 'Info.'],
  [/\bResearch\b/g, 'Res.'], [/\bScience(s)?\b/g, 'Sci.'], [/\bPolytechnic\b/g, 'Polytech.'], [/\bChemical\b/g, 'Chem.'],
  [/\bPhysics\b/g, 'Phys.'], [/\bAcademy\b/g, 'Acad.'], [/\bNational\b/g, 'Natl.'], [/\bof\b/g, ''], [/\band\b/g, '&'],
];

function abbreviate(name: string): string {
  let s = name;
  for (const [re, short] of ABBREVIATIONS) s = s.replace(re, short);
  return s.replace(/\s+/g, ' ').trim();
}

/** The most characters from the start (or the end) of `chars` that fit in `width`. */
function fit(chars: string[], width: number, fromEnd = false): number {
  let w = 0;
  let n = 0;
  for (const ch of fromEnd ? [...chars].reverse() : chars) {
    w += displayWidth(ch);
    if (w > width) break;
    n++;
  }
  return n;
}

const join = (chars: string[]) => chars.join('');
const isCjk = (ch: string) => displayWidth(ch) === 2;

/** The lengths of the name's possible endings, shortest first: whole words, or single CJK characters. */
function tailLengths(c: string[]): number[] {
  const out: number[] = [];
  for (let i = c.length - 1; i > 0; i--) if (isCjk(c[i]) || c[i - 1] === ' ') out.push(c.length - i);
  return out;
}

/**
 * Labels of at most `maxWidth` (see displayWidth) for the names, in order, no two alike unless their names
 * are: long names are abbreviated, then cut at the end; where two cuts coincide ("Dalian Univ…"), those are
 * cut in the middle instead, keeping more of their ends until they differ.
 */
export function shortLabels(names: string[], maxWidth = 22): string[] {
  const chars = names.map((n) => [...(displayWidth(n) <= maxWidth ? n : abbreviate(n))]);
  const labels = chars.map((c) => (displayWidth(join(c)) <= maxWidth ? join(c) : `${join(c.slice(0, fit(c, maxWidth - 1))).trimEnd()}…`));
  const clashing = () => {
    const seen = new Map<string, number[]>();
    // "Dalian Univ…" and "Dalian Univ." read alike: compare without ellipses, dots and spaces.
    labels.forEach((l, i) => { const key = l.replace(/[…. ]/g, ''); seen.set(key, [...(seen.get(key) ?? []), i]); });
    return [...seen.values()].filter((ix) => ix.length > 1 && new Set(ix.map((i) => names[i])).size > 1).flat();
  };
  // The clashing ones keep their start and end around the ellipsis, the end growing (a word, or a CJK
  // character, at a time) until they differ.
  const step = labels.map(() => 0);
  for (let round = 0; round < 60; round++) {
    const ix = clashing();
    if (ix.length === 0) break;
    for (const i of ix) {
      const c = chars[i];
      const tails = tailLengths(c);
      const end = tails[Math.min(step[i]++, tails.length - 1)] ?? 0;
      const head = fit(c, maxWidth - 1 - displayWidth(join(c.slice(c.length - end))));
      labels[i] = head + end >= c.length ? join(c) : `${join(c.slice(0, head)).trimEnd()}…${join(c.slice(c.length - end)).trimStart()}`;
    }
  }
  return labels;
}
