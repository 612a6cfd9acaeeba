import { describe, expect, it } from 'vitest';
import { highlightPieces } from './highlight';
import { amountInWords, implausibleAmount, LARGEST_PLAUSIBLE_BUDGET } from './amountWords';

const marked = (text: string, terms: string[]) => highlightPieces(text, terms).filter((p) => p.mark).map((p) => p.text);

describe('highlightPieces', () => {
  it('marks adjacent terms as one whole phrase instead of fragments', () => {
    expect(marked('船舶分段焊缝视觉跟踪机器人系统', ['焊缝', '视觉', '跟踪', '船舶'])).toEqual(['船舶', '焊缝视觉跟踪']);
  });
  it('never marks a single character inside a longer word', () => {
    expect(marked('焊接机器人离线编程', ['焊', '机器人'])).toEqual(['机器人']);
  });
  it('marks English words only on word boundaries, in any case', () => {
    expect(marked('Start the art of Defect detection', ['art', 'defect'])).toEqual(['art', 'Defect']);
    expect(marked('Smart sensors', ['art'])).toEqual([]);
  });
  it('keeps the whole text, in order', () => {
    const pieces = highlightPieces('循环水增氧装置', ['增氧']);
    expect(pieces.map((p) => p.text).join('')).toBe('循环水增氧装置');
    expect(pieces).toEqual([{ text: '循环水', mark: false }, { text: '增氧', mark: true }, { text: '装置', mark: false }]);
  });
  it('prefers the longer term where two overlap', () => {
    expect(marked('焊接机器人', ['机器', '焊接机器人'])).toEqual(['焊接机器人']);
  });
});

describe('amountInWords', () => {
  it('echoes a Chinese amount in 亿元, 万元 or 元', () => {
    expect(amountInWords(5_000_000_000, 'zh-CN')).toBe('= 50 亿元');
    expect(amountInWords(800_000, 'zh-CN')).toBe('= 80 万元');
    expect(amountInWords(1_234_567, 'zh-CN')).toBe('= 123.46 万元');
    expect(amountInWords(800, 'zh-CN')).toBe('= 800 元');
  });
  it('echoes an English amount in ¥ bn, ¥ m or plain yuan', () => {
    expect(amountInWords(5_000_000_000, 'en')).toBe('= ¥5 bn');
    expect(amountInWords(1_500_000, 'en')).toBe('= ¥1.5 m');
    expect(amountInWords(80_000, 'en')).toBe('= ¥80,000');
  });
  it('is empty for no amount', () => {
    expect(amountInWords(null, 'en')).toBeNull();
  });
  it('flags a budget beyond the plausible bounds either way', () => {
    expect(implausibleAmount(5_000_000_000, LARGEST_PLAUSIBLE_BUDGET)).toBe('large');
    expect(implausibleAmount(80, LARGEST_PLAUSIBLE_BUDGET)).toBe('small');
    expect(implausibleAmount(800_000, LARGEST_PLAUSIBLE_BUDGET)).toBeNull();
    expect(implausibleAmount(0, LARGEST_PLAUSIBLE_BUDGET)).toBeNull();
  });
});
