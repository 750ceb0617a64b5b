/**
 * 164.404(c)(2): notices are written in plain language. A mechanical check cannot prove plainness, but it
 * catches the usual failures of an edited template: legal jargon, long sentences, a high reading grade.
 * The thresholds are conservative defaults (HHS and plain-language guidance aim at about grade 8).
 */
export interface PlainLanguageOptions {
  /** Highest Flesch-Kincaid grade accepted. */
  maxGrade: number;
  /** Longest average sentence, in words. */
  maxAverageSentenceWords: number;
}
export const DEFAULT_PLAIN_LANGUAGE: PlainLanguageOptions = { maxGrade: 10, maxAverageSentenceWords: 22 };

/** Words and phrases that make a notice harder to read; each comes with a plain alternative. */
export const JARGON: readonly { term: RegExp; label: string; instead: string }[] = [
  { term: /\bpursuant to\b/i, label: 'pursuant to', instead: 'under' },
  {
    term: /\bhereto(fore)?\b|\bhereinafter\b|\bherein\b|\bthereof\b|\bwhereas\b/i,
    label: 'legal archaisms (herein, thereof, whereas…)',
    instead: 'plain words',
  },
  { term: /\baforementioned\b/i, label: 'aforementioned', instead: 'this' },
  { term: /\bnotwithstanding\b/i, label: 'notwithstanding', instead: 'even though' },
  { term: /\b45 C\.?F\.?R\.?\b|§\s*164/i, label: 'regulation citations', instead: 'no citation in the letter' },
  {
    term: /\bunsecured protected health information\b|\be?PHI\b/,
    label: 'PHI / unsecured protected health information',
    instead: '"your health information"',
  },
  { term: /\butiliz(e|ed|es|ing|ation)\b/i, label: 'utilize', instead: 'use' },
  { term: /\bcommence(d|s)?\b/i, label: 'commence', instead: 'start' },
];

export interface ReadabilityReport {
  words: number;
  sentences: number;
  averageSentenceWords: number;
  grade: number;
  jargon: string[];
}

function syllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length <= 3) return 1;
  const trimmed = w.replace(/(?:[^laeiouy]es|ed|[^laeiouy]e)$/, '').replace(/^y/, '');
  const groups = trimmed.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}

/** Readability of running text; addresses, URLs, emails and numbers are left out (they are not prose). */
export function readability(text: string): ReadabilityReport {
  const prose = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/[-•*]\s+/g, ' ')
    .replace(/\d[\d\s().-]*\d/g, ' ');
  const sentences = prose
    .split(/[.!?]+\s+|\n\s*\n|:\s*\n/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z]{2,}/.test(s));
  const words = prose.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [];
  const syl = words.reduce((n, w) => n + syllables(w), 0);
  const nWords = Math.max(1, words.length);
  const nSentences = Math.max(1, sentences.length);
  const grade = 0.39 * (nWords / nSentences) + 11.8 * (syl / nWords) - 15.59;
  return {
    words: words.length,
    sentences: sentences.length,
    averageSentenceWords: Math.round((nWords / nSentences) * 10) / 10,
    grade: Math.round(grade * 10) / 10,
    jargon: JARGON.filter((j) => j.term.test(text)).map((j) => `${j.label} (write ${j.instead})`),
  };
}
