import { describe, expect, it } from 'vitest';
import {
  amountToInput, formatAmount, formatAmountRange, formatChange, formatDate, formatNumber, formatPercent, formatScaled, formatScaledWithUnit,
  amountUnit, fittingScale, scaleAmount,
  normaliseLang, parseAmountInput, parseApiDate,
} from './format';

describe('formatAmount', () => {
  it('shows small Chinese amounts in 元', () => {
    expect(formatAmount(5000, 'zh-CN')).toBe('5,000元');
    expect(formatAmount(0, 'zh-CN')).toBe('0元');
  });
  it('shows Chinese amounts from 10,000 in 万元', () => {
    expect(formatAmount(10_000, 'zh-CN')).toBe('1万元');
    expect(formatAmount(8_000_000, 'zh-CN')).toBe('800万元');
    expect(formatAmount(1_234_567, 'zh-CN')).toBe('123.46万元');
    expect(formatAmount(99_990_000, 'zh-CN')).toBe('9,999万元');
  });
  it('shows Chinese amounts from 100 million in 亿元', () => {
    expect(formatAmount(100_000_000, 'zh-CN')).toBe('1亿元');
    expect(formatAmount(1_534_000_000, 'zh-CN')).toBe('15.34亿元');
  });
  it('keeps the sign of negative amounts', () => {
    expect(formatAmount(-25_000, 'zh-CN')).toBe('-2.5万元');
  });
  it('shows English amounts in yuan with digit grouping', () => {
    expect(formatAmount(8_000_000, 'en')).toBe('8,000,000 yuan');
    expect(formatAmount(1234.5, 'en')).toBe('1,234.5 yuan');
  });
  it('shows a dash for a missing amount', () => {
    expect(formatAmount(null, 'zh-CN')).toBe('—');
    expect(formatAmount(undefined, 'en')).toBe('—');
  });
});

describe('formatAmountRange', () => {
  it('shares the unit in Chinese when both ends are in the same band', () => {
    expect(formatAmountRange(8_000_000, 30_000_000, 'zh-CN')).toBe('800–3,000万元');
    expect(formatAmountRange(200_000_000, 350_000_000, 'zh-CN')).toBe('2–3.5亿元');
  });
  it('spells both ends when the bands differ', () => {
    expect(formatAmountRange(5_000_000, 200_000_000, 'zh-CN')).toBe('500万元 – 2亿元');
  });
  it('formats English ranges in yuan', () => {
    expect(formatAmountRange(3_000_000, 8_000_000, 'en')).toBe('3,000,000 yuan – 8,000,000 yuan');
  });
  it('handles open ends and no amounts', () => {
    expect(formatAmountRange(null, null, 'zh-CN')).toBeNull();
    expect(formatAmountRange(null, null, 'en')).toBeNull();
    expect(formatAmountRange(500_000, null, 'zh-CN')).toBe('50万元起');
    expect(formatAmountRange(null, 500_000, 'en')).toBe('up to 500,000 yuan');
    expect(formatAmountRange(1_000_000, 1_000_000, 'zh-CN')).toBe('100万元');
  });
});

describe('scaled amounts (the bureau tables)', () => {
  it('shows 万元 and 亿元 to 0.1 in Chinese, as the paper prints them', () => {
    // Table 3: 740,512,400 yuan = 74,051.2 万元 (the 0.24 万元 tail rounds away).
    expect(formatScaled(740_512_400, 'wan', 'zh-CN')).toBe('74,051.2');
    // Table 2: 50,580,000,000 yuan = 505.8 亿元.
    expect(formatScaled(50_578_000_000, 'yi', 'zh-CN')).toBe('505.8');
    expect(formatScaled(0, 'wan', 'zh-CN')).toBe('0.0');
    // Half away from zero, as the paper rounds: 0.05 万元 = 500 yuan.
    expect(formatScaled(500, 'wan', 'zh-CN')).toBe('0.1');
  });
  it('shows millions and billions of yuan in English, never raw yuan', () => {
    expect(formatScaled(1_017_530_400, 'wan', 'en')).toBe('1,017.53');
    expect(formatScaled(50_578_000_000, 'yi', 'en')).toBe('50.58');
    expect(formatScaled(66_000, 'wan', 'en', 3)).toBe('0.066');
  });
  it('names the unit for headers and axes', () => {
    expect([amountUnit('wan', 'zh-CN'), amountUnit('yi', 'zh-CN'), amountUnit('wan', 'en'), amountUnit('yi', 'en')]).toEqual(['万元', '亿元', '¥ m', '¥ bn']);
  });
  it('writes a figure standing alone with its unit', () => {
    expect(formatScaledWithUnit(50_578_000_000, 'yi', 'zh-CN')).toBe('505.8亿元');
    expect(formatScaledWithUnit(50_578_000_000, 'yi', 'en')).toBe('¥50.58 bn');
    expect(formatScaledWithUnit(401_500, 'wan', 'zh-CN')).toBe('40.2万元');
    expect(formatScaledWithUnit(401_500, 'wan', 'en')).toBe('¥0.40 m');
    expect(formatScaledWithUnit(null, 'wan', 'en')).toBe('—');
  });
  it('picks 亿元 / ¥ bn only from one unit of it up', () => {
    expect(fittingScale(50_578_000_000, 'zh-CN')).toBe('yi');
    expect(fittingScale(800_000, 'zh-CN')).toBe('wan');
    expect(fittingScale(500_000_000, 'zh-CN')).toBe('yi');
    expect(fittingScale(500_000_000, 'en')).toBe('wan');
    expect(fittingScale(null, 'en')).toBe('wan');
  });
  it('gives chart values in the unit, unrounded', () => {
    expect(scaleAmount(740_512_400, 'wan', 'zh-CN')).toBeCloseTo(74_051.24, 6);
    expect(scaleAmount(740_512_400, 'wan', 'en')).toBeCloseTo(740.5124, 6);
    expect(scaleAmount(null, 'yi', 'en')).toBe(0);
  });
});

describe('numbers and percentages', () => {
  it('groups digits per language', () => {
    expect(formatNumber(1234567, 'zh-CN')).toBe('1,234,567');
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(NaN, 'en')).toBe('—');
  });
  it('formats ratios as percentages', () => {
    expect(formatPercent(0.443, 'zh-CN')).toBe('44.3%');
    expect(formatPercent(0.357, 'en')).toBe('35.7%');
    expect(formatPercent(null, 'en')).toBe('—');
  });
  it('signs year-over-year changes', () => {
    expect(formatChange(0.125, 'en')).toBe('+12.5%');
    expect(formatChange(-0.03, 'zh-CN')).toBe('−3.0%');
    expect(formatChange(0, 'en')).toBe('0.0%');
  });
});

describe('dates', () => {
  it('reads API date-times without an offset as UTC', () => {
    expect(parseApiDate('2026-11-27T08:32:53.8338417')?.toISOString()).toBe('2026-11-27T08:32:53.833Z');
    expect(parseApiDate('2026-11-27T08:35:32.6000883Z')?.toISOString()).toBe('2026-11-27T08:35:32.600Z');
    expect(parseApiDate('2026-11-27T10:00:00+08:00')?.toISOString()).toBe('2026-11-27T02:00:00.000Z');
  });
  it('treats missing and default dates as absent', () => {
    expect(parseApiDate(null)).toBeNull();
    expect(parseApiDate('0001-01-01T00:00:00')).toBeNull();
    expect(parseApiDate('not a date')).toBeNull();
    expect(formatDate('0001-01-01T00:00:00', 'en')).toBe('—');
  });
  it('formats dates per language', () => {
    expect(formatDate('2027-09-23', 'zh-CN')).toBe('2027年9月23日');
    expect(formatDate('2027-09-23', 'en')).toBe('Sep 23, 2027');
    expect(formatDate('2026-11-27T08:32:53', 'en', 'Asia/Shanghai')).toBe('Nov 27, 2026');
  });
});

describe('amount inputs', () => {
  it('reads Chinese input in 万元 and English input in yuan', () => {
    expect(parseAmountInput('800', 'zh-CN')).toBe(8_000_000);
    expect(parseAmountInput('1,234.5', 'en')).toBe(1234.5);
    expect(parseAmountInput('', 'en')).toBeNull();
    expect(parseAmountInput('abc', 'en')).toBeNaN();
  });
  it('round-trips through the form', () => {
    expect(amountToInput(8_000_000, 'zh-CN')).toBe('800');
    expect(amountToInput(12_345, 'zh-CN')).toBe('1.2345');
    expect(amountToInput(8_000_000, 'en')).toBe('8000000');
    expect(amountToInput(null, 'en')).toBe('');
  });
});

describe('normaliseLang', () => {
  it('maps any English tag to en and everything else to zh-CN', () => {
    expect(normaliseLang('en-US')).toBe('en');
    expect(normaliseLang('zh')).toBe('zh-CN');
    expect(normaliseLang(undefined)).toBe('zh-CN');
  });
});
