import { describe, expect, it } from 'vitest';
import { displayWidth, shortLabels } from './labels';

describe('shortLabels', () => {
  it('keeps names that fit', () => {
    expect(shortLabels(['大连理工大学', 'Dalian University'], 18)).toEqual(['大连理工大学', 'Dalian University']);
  });

  it('never gives two institutions the same label', () => {
    const names = ['Dalian University of Technology', 'Dalian University', 'Dalian Maritime University', 'Dalian Polytechnic University',
      'Dalian Institute of Chemical Physics, Chinese Academy of Sciences', 'Dalian Neusoft University of Information', 'Dalian Medical University',
      'Liaoning Ocean and Fisheries Science Research Institute', 'Liaoning Normal University', 'Dalian Minzu University', 'Dalian Ocean University', 'Dalian Jiaotong University'];
    const labels = shortLabels(names, 12);
    expect(new Set(labels).size).toBe(names.length);
    for (const l of labels) expect(displayWidth(l)).toBeLessThanOrEqual(12);
    // Cut at the end, "Dalian Univ…" would name two institutions: the ends tell them apart.
    expect(labels[0]).toMatch(/Tech\.$/);
    expect(labels[1].replace(/[….]/g, '')).not.toBe(labels[0].replace(/[….]/g, ''));
    expect(shortLabels(names, 22)[2]).toBe('Dalian Maritime Univ.');
  });

  it('cuts long Chinese names at the end, or around the middle where the ends differ', () => {
    const names = ['中国科学院大连化学物理研究所', '中国科学院大连物理化学研究所', '辽宁省海洋水产科学研究院'];
    const labels = shortLabels(names, 14);
    expect(new Set(labels).size).toBe(3);
    for (const l of labels) expect(displayWidth(l)).toBeLessThanOrEqual(14);
    expect(labels[0]).toMatch(/^中国.*….*理研究所$/);
    expect(labels[2]).toBe('辽宁省海洋水…');
  });

  it('lets equal names share a label', () => {
    expect(shortLabels(['A very long institution name indeed', 'A very long institution name indeed'], 10)).toHaveLength(2);
  });

  it('counts CJK characters double', () => {
    expect(displayWidth('大连 DUT')).toBe(8);
  });
});
