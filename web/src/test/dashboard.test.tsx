import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { json, mockApi, renderApp, bureau } from './utils';
import { headlineLines, headlineOf } from '../pages/workspace/DashboardHeadline';
import { IMPORT_COLUMNS, importTemplate, linesOf } from '../pages/workspace/ContractImport';
import { fieldsView } from '../pages/workspace/indicators';
import type { components } from '../api/schema';

const t = i18n.t.bind(i18n);
const zero = { projects: 0, localProjects: 0, countRatePct: 0, amount: 0, localAmount: 0, amountRatePct: 0 };
const figures = (p: number, l: number, a: number, la: number) => ({ projects: p, localProjects: l, countRatePct: (l / p) * 100, amount: a, localAmount: la, amountRatePct: (la / a) * 100 });
const row = (field: components['schemas']['TechnicalField'] | null, contracts: number[], volume: number[]) => ({ field, contracts, volume, sharePct: 100, increasePct: null });
/** The paper's 2023 totals: Table 2 (9,146 contracts, 505.8 亿元; 6,754 and 427.1 亿元 in 2022) and Tables 3-4 (44.3 %, 35.7 %; 41.6 %, 18.2 %: +2.6 points from the unrounded rates, not 44.3 − 41.6). */
const fields2023 = { year: 2023, years: [2021, 2022, 2023], categories: [], rows: [row('AdvancedManufacturing', [8507, 6754, 9146], [32_160_000_000, 42_706_977_125, 50_578_000_000])],
  total: row(null, [8507, 6754, 9146], [32_160_000_000, 42_706_977_125, 50_578_000_000]) };
const localization2023 = { year: 2023, previousYear: 2022, categories: [], rows: [], previousTotal: figures(1952, 813, 1_498_844_000, 273_197_000), total: figures(2724, 1206, 2_212_598_000, 790_447_000) };

describe('dashboard headline', () => {
  it('gives each figure and its change on the year before', () => {
    const h = headlineOf(fields2023, localization2023);
    expect(h.hasContracts).toBe(true);
    expect(headlineLines(h, 'zh-CN', t).map((l) => [l.value, l.change])).toEqual([
      ['9,146', '较2022年 +35.4%'], ['505.8亿元', '较2022年 +18.4%'], ['44.3%', '较2022年 +2.6个百分点'], ['35.7%', '较2022年 +17.5个百分点'],
    ]);
    expect(headlineLines(h, 'en', t)[1].value).toBe('¥50.58 bn');
  });

  it('says when the year before has no data instead of a change of 0 %', () => {
    const fields2021 = { ...fields2023, year: 2021, years: [2019, 2020, 2021], total: row(null, [0, 0, 8507], [0, 0, 32_160_000_000]) };
    const h = headlineOf(fields2021, { ...localization2023, year: 2021, previousYear: 2020, total: zero, previousTotal: zero });
    expect(h.contracts).toEqual({ value: 8507, previous: null });
    const lines = headlineLines(h, 'zh-CN', t);
    expect(lines[0].change).toBe('2020年无数据，不作同比');
    expect(lines[1].change).toBe('2020年无数据，不作同比');
    // No institution projects: no rate at all, not 0.0 %.
    expect(lines[2].value).toBe('—');
    expect(lines[2].change).toBeNull();
  });

  it('shows a small turnover in 万元, not as 0.0亿元', () => {
    const one = { ...fields2023, year: 2026, years: [2024, 2025, 2026], total: row(null, [0, 0, 1], [0, 0, 800_000]) };
    const lines = headlineLines(headlineOf(one, { ...localization2023, total: figures(1, 1, 800_000, 800_000), previousTotal: zero }), 'zh-CN', t);
    expect(lines[1].value).toBe('80.0万元');
    expect(headlineLines(headlineOf(one, { ...localization2023, previousTotal: zero }), 'en', t)[1].value).toBe('¥0.80 m');
  });

  it('knows a year without contracts', () => {
    const none = { ...fields2023, year: 2026, years: [2024, 2025, 2026], rows: [], total: row(null, [0, 0, 0], [0, 0, 0]) };
    expect(headlineOf(none, { ...localization2023, total: zero, previousTotal: zero }).hasContracts).toBe(false);
  });
});

describe('dashboard page', () => {
  const api = (extra: Record<string, () => unknown> = {}) => mockApi({
    'GET /api/indicators/fields': (url) => (url.searchParams.get('year') === '2023' ? fields2023 : { ...fields2023, year: Number(url.searchParams.get('year')), rows: [], total: row(null, [0, 0, 0], [0, 0, 0]) }),
    'GET /api/indicators/localization': (url) => (url.searchParams.get('year') === '2023' ? localization2023 : { ...localization2023, total: zero, previousTotal: zero }),
    'GET /api/indicators/turnover': (url) => ({ year: 2023, previousYear: 2022, top: 10, categories: [], rows: url.searchParams.get('year') === '2023'
      ? [{ rank: 1, institution: { id: 'i', nameZh: '大连理工大学', nameEn: 'Dalian University of Technology' }, previousContracts: 541, previousAmount: 502_048_000, contracts: 829, amount: 740_512_400 }] : [] }),
    ...extra,
  });

  it('shows the headline and one table at a time, the tab in the URL', async () => {
    api();
    renderApp('/workspace/indicators?year=2023', { me: bureau });
    expect(await screen.findByTestId('headline-turnover-value')).toHaveTextContent('505.8亿元');
    expect(screen.getByTestId('headline-countRate-change')).toHaveTextContent('+2.6个百分点');
    expect(await screen.findByTestId('table-turnover')).toHaveTextContent('74,051.2');
    await userEvent.click(screen.getByTestId('dashboard-tab-fields'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/workspace/indicators?year=2023&tab=fields'));
    const table = await screen.findByTestId('table-fields');
    // Table 2 in 亿元 under grouped headers; the turnover table is gone.
    expect(within(table).getByText('成交额（亿元）')).toBeInTheDocument();
    expect(table).toHaveTextContent('505.8');
    expect(screen.queryByTestId('table-turnover')).toBeNull();
    expect(screen.getAllByRole('tabpanel')).toHaveLength(1);
  });

  it('shows one message with a link to import for a year without contracts', async () => {
    api();
    renderApp('/workspace/indicators?year=2026', { me: bureau });
    const empty = await screen.findByTestId('dashboard-empty');
    expect(empty).toHaveTextContent('2026年暂无技术合同数据');
    expect(within(empty).getByTestId('dashboard-empty-import')).toHaveAttribute('href', '/workspace/indicators?year=2026&tab=import');
    await waitFor(() => expect(within(empty).getByTestId('dashboard-empty-latest')).toHaveTextContent('查看2023年'));
    expect(screen.queryByTestId('dashboard-headline')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    await userEvent.click(within(empty).getByTestId('dashboard-empty-import'));
    expect(await screen.findByTestId('contract-import')).toBeInTheDocument();
  });

  it('lists the rows of a refused import by row and column, with any warnings', async () => {
    api({
      'POST /api/contracts/imports': () => json({ title: 'One or more validation errors occurred.', status: 400, code: 'import_rejected',
        errors: { 'rows[2].totalAmount': ['"-5" is not an amount in yuan.'] },
        problems: [{ row: 2, column: '合同成交额(元)', message: '"-5" 不是以元为单位的金额。' }], warnings: ['第 3 行：金额可能以万元填写。'] }, 400),
    });
    renderApp('/workspace/indicators?year=2023&tab=import', { me: bureau });
    await userEvent.upload(await screen.findByTestId('import-file'), new File(['x'], 'bad.csv', { type: 'text/csv' }));
    await userEvent.click(screen.getByTestId('import-submit'));
    const errors = await screen.findByTestId('import-errors');
    expect(errors).toHaveTextContent('合同成交额(元)');
    expect(errors).not.toHaveTextContent('rows[2]');
    expect(screen.getByTestId('import-refused')).toHaveTextContent('文件未导入');
    expect(screen.getByTestId('import-warnings')).toHaveTextContent('金额可能以万元填写');
  });
});

describe('contract import template', () => {
  it('carries every header of the import, required ones first-class', () => {
    // The browser test (DashboardTests) uploads the template to the real import, which refuses unknown headers.
    expect(IMPORT_COLUMNS).toHaveLength(20);
    expect(IMPORT_COLUMNS.filter((c) => c[2]).map((c) => c[1])).toEqual(['RegistrationNumber', 'ProjectName', 'Category', 'SellerName',
      'SellerRegionCode', 'BuyerName', 'BuyerRegionCode', 'TechnicalField', 'TotalAmountYuan', 'TechnologyIncomeYuan', 'SignedOn', 'RegisteredOn']);
  });

  it('writes the header row in the language, with a byte-order mark', () => {
    expect(importTemplate('zh-CN')).toMatch(/^\uFEFF登记号,项目名称,合同类别,/);
    expect(importTemplate('en').trim().split(',')).toHaveLength(IMPORT_COLUMNS.length);
  });

  it('reads problem and warning lists of any shape', () => {
    expect(linesOf([{ row: 3, column: '技术领域', message: '未知' }, '整体提示', { detail: 'd' }])).toEqual([
      { row: 3, column: '技术领域', message: '未知' }, { message: '整体提示' }, { row: null, column: null, message: 'd' },
    ]);
    expect(linesOf(undefined)).toEqual([]);
  });
});

describe('field composition table', () => {
  it('shows Table 2 in 亿元 in Chinese and ¥ bn in English', () => {
    expect(fieldsView(fields2023, 'zh-CN', t).rows[0].cells.slice(4, 7)).toEqual(['321.6', '427.1', '505.8']);
    expect(fieldsView(fields2023, 'en', t).rows[0].cells.slice(4, 7)).toEqual(['32.16', '42.71', '50.58']);
  });
});
