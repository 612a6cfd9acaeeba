import { describe, expect, it } from 'vitest';
import { regionLabel } from './region';
import { achievementGaps, achievementWarnings, guessLanguage, needGaps, needWarnings } from './quality';
import { emptyAchievement, emptyNeed, splitKeywords } from '../pages/workspace/ListingEditor';
import { buildQuery } from '../api/client';

describe('quality checks while writing', () => {
  it('mirrors the server gate and warnings for achievements', () => {
    expect(achievementGaps(emptyAchievement()).map((g) => g.field)).toEqual(['summary', 'trl', 'keywords']);
    expect(achievementWarnings(emptyAchievement()).map((w) => w.code)).toEqual(['short_title', 'no_advantages', 'no_price']);
    const good = { ...emptyAchievement(), title: '焊缝视觉跟踪技术与装备', advantages: '更好', trl: 5, keywords: ['x', 'y', 'z'], summary: '长'.repeat(60), priceMin: 800_000 };
    expect(achievementGaps(good)).toEqual([]);
    expect(achievementWarnings(good)).toEqual([]);
    expect(achievementWarnings({ ...good, keywords: ['x'], summary: '长'.repeat(40), priceMax: 900_000_000 }).map((w) => w.code))
      .toEqual(['summary_too_short', 'few_keywords', 'amount_too_large']);
  });
  it('asks English summaries for 80 characters to publish and 200 to pass without a warning', () => {
    const en = { ...emptyAchievement(), title: 'Laser cladding of worn rolls', advantages: 'x', trl: 5, keywords: ['x', 'y', 'z'], summary: 'a'.repeat(100), priceMax: 1_000_000 };
    expect(achievementGaps(en)).toEqual([]);
    expect(achievementWarnings(en).map((w) => w.code)).toEqual(['summary_too_short']);
    expect(achievementGaps({ ...en, summary: 'a'.repeat(60) }).map((g) => g.field)).toEqual(['summary']);
  });
  it('mirrors the server gate and warnings for needs', () => {
    expect(needGaps(emptyNeed()).map((g) => g.field)).toEqual(['background', 'requiredTrl']);
    expect(needWarnings(emptyNeed()).map((w) => w.field)).toEqual(['title', 'indicators', 'budgetMax']);
    expect(needWarnings({ ...emptyNeed(), budgetMax: 5_000_000_000 }).map((w) => w.code)).toContain('amount_too_large');
  });
  it('guesses the language like the server', () => {
    expect(guessLanguage('燃料电池 fuel cell')).toBe('zh');
    expect(guessLanguage('fuel cell stack')).toBe('en');
  });
});

describe('small helpers', () => {
  it('splits keywords on Chinese and Latin separators', () => {
    expect(splitKeywords('燃料电池，电堆、 PEM, ;')).toEqual(['燃料电池', '电堆', 'PEM']);
  });
  it('builds query strings without empty values', () => {
    expect(buildQuery({ q: '燃料 电池', page: 2, field: undefined, trlMin: '', flag: false })).toBe('?q=%E7%87%83%E6%96%99+%E7%94%B5%E6%B1%A0&page=2&flag=false');
    expect(buildQuery({})).toBe('');
  });
});

describe('regionLabel', () => {
  it('keeps the stored Chinese name in Chinese and builds an English one from the code', () => {
    const ganjingzi = { regionCode: '210211', regionName: '辽宁省大连市甘井子区' };
    expect(regionLabel(ganjingzi, 'zh-CN')).toBe('辽宁省大连市甘井子区');
    expect(regionLabel(ganjingzi, 'en')).toBe('Ganjingzi District, Dalian, Liaoning');
    expect(regionLabel({ regionCode: '210302', regionName: '辽宁省鞍山市铁东区' }, 'en')).toBe('Anshan, Liaoning');
    expect(regionLabel({ regionCode: '110108', regionName: '北京市海淀区' }, 'en')).toBe('Beijing');
    expect(regionLabel({ regionCode: '999999', regionName: '未知' }, 'en')).toBe('未知');
    expect(regionLabel(null, 'en')).toBe('');
  });
});
