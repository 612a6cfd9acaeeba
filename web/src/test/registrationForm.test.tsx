import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { screen, within } from '@testing-library/react';
import { mockApi, renderApp, researcher } from './utils';

const form = {
  contractId: 'c1',
  lines: [
    { key: 'projectName', label: '合同名称', value: '轧辊激光熔覆修复技术许可' },
    { key: 'totalAmount', label: '合同成交额(元)', value: '500000.00' },
    { key: 'nonTechnicalAmount', label: '其中：非技术性收入(元)', value: '100000.00' },
    { key: 'paymentMode', label: '支付方式', value: null },
    { key: 'expectedNewOutput', label: '预计新增产值(元)', value: null },
    { key: 'registrationNumber', label: '登记号', value: null },
  ],
  missing: ['paymentMode', 'expectedNewOutput'],
};

describe('registration form', () => {
  it('lists what is missing before printing and marks those rows', async () => {
    mockApi({ 'GET /api/contracts/{id}/registration-form': () => form });
    renderApp('/workspace/contract-records/c1/registration-form', { me: researcher });
    expect(await screen.findByTestId('registration-form-missing')).toHaveTextContent('打印前请补充： 支付方式、预计新增产值(元)');
    const table = screen.getByTestId('registration-form-table');
    expect(within(table).getByText('轧辊激光熔覆修复技术许可')).toBeInTheDocument();
    expect(table.querySelector('tr[data-key="paymentMode"]')).toHaveClass('missing');
    expect(table.querySelector('tr[data-key="registrationNumber"]')).not.toHaveClass('missing');
    expect(screen.getByTestId('registration-form-print')).toBeInTheDocument();
    expect(screen.getByTestId('registration-form-xlsx')).toBeInTheDocument();
    expect(screen.getByTestId('registration-form-pdf')).toHaveTextContent('下载 PDF');
  });

  it('glosses the registry\'s Chinese labels in English and says who gives the registration number', async () => {
    await i18n.changeLanguage('en');
    mockApi({ 'GET /api/contracts/{id}/registration-form': () => form });
    renderApp('/workspace/contract-records/c1/registration-form', { me: researcher });
    const table = await screen.findByTestId('registration-form-table');
    const row = (key: string) => table.querySelector(`tr[data-key="${key}"]`)!;
    expect(row('projectName')).toHaveTextContent('合同名称Contract name');
    expect(row('registrationNumber')).toHaveTextContent('(assigned by the registry)');
    expect(row('paymentMode')).toHaveTextContent('(to fill in)');
  });
});
