import { describe, expect, it } from 'vitest';
import en from './en';
import zhCN from './zh-CN';

// Every page and component's source text (Vite reads them at build time of the test).
const files = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}', '!../test/**', '!../i18n/**'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object' || !(part in (node as object))) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('translations', () => {
  it('has every literal key the pages use, in both languages', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(files)) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'|titleKey="([a-zA-Z0-9_.]+)"/g)) {
        const key = m[1] ?? m[2];
        if (!key.includes('.')) continue;
        checked++;
        // Plural keys resolve to their _one / _other forms.
        for (const [lang, messages] of [['en', en], ['zh-CN', zhCN]] as const) {
          if (!has(messages, key) && !has(messages, `${key}_other`)) missing.push(`${lang}: ${key} (${file})`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });
});
