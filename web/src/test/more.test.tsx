import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { mockApi, renderApp, enterprise, bureau } from './utils';
import { page } from './fixtures';
import { funnelView, localizationView, turnoverView } from '../pages/workspace/indicators';
import { AmountRange } from '../components/ui';
import { savedSearchLink } from '../components/SavedSearches';
import { describeNotification } from '../components/notifications';

const t = i18n.t.bind(i18n);

describe('saved searches', () => {
  it('saves the current catalogue search and lists it in the workspace', async () => {
    const saved: unknown[] = [];
    const api = mockApi({
      'GET /api/needs': () => page([]),
      'GET /api/organisations': () => page([]),
      'POST /api/saved-searches': (_u, init) => { const b = JSON.parse(String(init.body)); saved.push({ id: 's1', createdAt: '2026-11-27T09:00:00Z', ...b }); return saved[0]; },
    });
    renderApp('/needs?q=%E7%84%8A%E6%8E%A5&field=AdvancedManufacturing', { me: enterprise });
    await userEvent.click(await screen.findByTestId('save-search'));
    expect(await screen.findByTestId('search-saved')).toBeInTheDocument();
    expect(api.calls.find((c) => c.method === 'POST')!.body).toEqual({
      name: '焊接 · 先进制造', achievements: false, text: '焊接', field: 'AdvancedManufacturing', region: null, trlMin: null,
    });
  });

  it('links a saved search back to the catalogue', () => {
    expect(savedSearchLink({ id: 's', name: 'x', achievements: true, text: '电池', field: null, region: '210200', trlMin: 5, createdAt: '' }))
      .toBe('/achievements?q=%E7%94%B5%E6%B1%A0&region=210200&trlMin=5');
  });
});

describe('indicator views', () => {
  it('ranks turnover with amounts in 万元 in Chinese and millions of yuan in English', () => {
    const d = { year: 2023, previousYear: 2022, top: 10, categories: [], rows: [{ rank: 1, institution: { id: 'i', nameZh: '大连理工大学', nameEn: 'Dalian University of Technology' }, previousContracts: 541, previousAmount: 502_048_000, contracts: 829, amount: 740_512_400 }] };
    const zh = turnoverView(d, 'zh-CN', t);
    expect(zh.rows[0].cells.slice(1)).toEqual(['541', '50,204.8', '829', '74,051.2', '+47.5%']);
    render(<>{zh.rows[0].cells[0]}</>);
    expect(document.body).toHaveTextContent('1大连理工大学');
    expect(zh.columns.map((c) => c.group ?? '')).toEqual(['', '2022年', '2022年', '2023年', '2023年', '']);
    expect(zh.columns[2].label).toBe('成交额（万元）');
    // English reads millions of yuan, never raw yuan.
    const en = turnoverView(d, 'en', t);
    expect(en.rows[0].cells.slice(1, 3)).toEqual(['541', '502.05']);
    expect(en.columns[2].label).toContain('¥ m');
  });

  it('shows the platform funnel with its conversion rates', () => {
    const step = { needs: 10, proposals: 40, interests: 6, deals: 3, signedDeals: 2, contracts: 1, proposalsPerNeed: 4, interestPct: 15, dealPct: 50, signedPct: 66.7, contractPct: 10 };
    const v = funnelView({ year: 2026, months: [], fields: [{ field: 'Agriculture', step }], dealsByStage: {}, total: step }, 'zh-CN', t);
    expect(v.summary.map((s) => s.value)).toEqual(['4', '15.0%', '50.0%', '10.0%']);
    expect(v.rows.at(-1)!.cells[0]).toBe('合计');
    expect(v.chart).not.toBeNull();
  });

  it('renders the funnel panel on the dashboard', async () => {
    const step = { needs: 10, proposals: 40, interests: 6, deals: 3, signedDeals: 2, contracts: 1, proposalsPerNeed: 4, interestPct: 15, dealPct: 50, signedPct: 66.7, contractPct: 10 };
    mockApi({ 'GET /api/indicators/funnel': () => ({ year: 2026, months: [], fields: [{ field: 'Agriculture', step }], dealsByStage: {}, total: step }) });
    renderApp('/workspace/indicators?year=2026&tab=funnel', { me: bureau });
    const panel = await screen.findByTestId('indicator-funnel');
    await waitFor(() => expect(within(panel).getByTestId('table-funnel')).toHaveTextContent('农业'));
    expect(within(panel).getByTestId('indicator-funnel-contractPct')).toHaveTextContent('10.0%');
  });
});

describe('words in the UI language', () => {
  it('says "negotiable" and "percentage points" in Chinese and in English', async () => {
    const figures = (rate: number) => ({ projects: 10, localProjects: 5, countRatePct: rate, amount: 1e6, localAmount: 5e5, amountRatePct: rate });
    const d = { year: 2023, previousYear: 2022, categories: [], rows: [], previousTotal: figures(40), total: figures(45) };
    const { rerender } = render(<AmountRange min={null} max={null} />);
    expect(document.body).toHaveTextContent('面议');
    expect(localizationView(d, 'zh-CN', t).summary[2].value).toBe('+5.0个百分点');
    await i18n.changeLanguage('en');
    rerender(<AmountRange min={null} max={undefined} />);
    expect(document.body).toHaveTextContent('Negotiable');
    expect(localizationView(d, 'en', i18n.t.bind(i18n)).summary[2].value).toBe('+5.0 pp');
  });
});

describe('daily digest notification', () => {
  const digest = {
    id: 'd1', kind: 'Digest', link: '/notifications', createdAt: '2026-11-27T00:00:05Z', readAt: '2026-11-27T00:00:05Z',
    data: JSON.stringify({ id: 'd1', windowStart: '2026-11-26T00:00:00Z', windowEnd: '2026-11-27T00:00:00Z', total: 1234, counts: { MatchProposed: 1200, InterestReceived: 34 } }),
  };

  it('reads as one line with the total in the UI language', async () => {
    expect(describeNotification(digest as never, t, 'zh-CN')).toBe('每日汇总：过去一天共有 1,234 条通知');
    await i18n.changeLanguage('en');
    expect(describeNotification(digest as never, i18n.t.bind(i18n), 'en')).toBe('Daily digest: 1,234 notifications in the last day');
  });
});

describe('programme decision notifications', () => {
  const note = (kind: string, data: object) => ({ id: 'n1', kind, link: '/workspace/targets', createdAt: '2026-12-06T00:00:00Z', readAt: null, data: JSON.stringify(data) });

  it('read approved and rejected differently, with the amount or the reason, in both languages', async () => {
    await i18n.changeLanguage('zh-CN');
    const zh = i18n.t.bind(i18n);
    expect(describeNotification(note('EntitlementDecided', { period: '2023Q1', amount: 12345.5, approved: true }) as never, zh, 'zh-CN')).toBe('2023Q1 的激励资金 12,345.5 元已批准');
    expect(describeNotification(note('RiskClaimDecided', { approved: false, reason: '证据不足' }) as never, zh, 'zh-CN')).toBe('风险补偿申请未获批准：证据不足');
    await i18n.changeLanguage('en');
    const en = i18n.t.bind(i18n);
    expect(describeNotification(note('EntitlementDecided', { period: '2023Q1', approved: false, reason: 'to verify' }) as never, en, 'en')).toBe('Incentive entitlement for 2023Q1 rejected: to verify');
    expect(describeNotification(note('RiskClaimDecided', { approved: true, amount: 300000 }) as never, en, 'en')).toBe('Risk compensation claim approved: 300,000 yuan');
  });
});
