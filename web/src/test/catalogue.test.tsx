import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { json, mockApi, renderApp } from './utils';
import { achievement, listingPage, need, page } from './fixtures';

describe('public catalogue', () => {
  it('lists achievements with Chinese amounts and searches through the URL', async () => {
    const api = mockApi({
      'GET /api/achievements': () => page([achievement()], 1),
      'GET /api/organisations': () => page([]),
    });
    renderApp('/achievements');
    expect(await screen.findByRole('heading', { level: 1, name: '科技成果库' })).toBeInTheDocument();
    const card = await screen.findByTestId('listing-card');
    expect(within(card).getByText('800–3,000万元')).toBeInTheDocument();
    expect(screen.getByTestId('catalogue-count')).toHaveTextContent('共 1 条结果');

    await userEvent.type(screen.getByTestId('catalogue-search'), '燃料电池');
    await userEvent.click(screen.getByTestId('catalogue-search-submit'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/achievements?q=%E7%87%83%E6%96%99%E7%94%B5%E6%B1%A0'));
    await waitFor(() => expect(api.calls.some((c) => c.url.pathname === '/api/achievements' && c.url.searchParams.get('Q') === '燃料电池')).toBe(true));

    await userEvent.selectOptions(screen.getByTestId('filter-maturity'), 'middle');
    await waitFor(() => {
      const last = api.calls.filter((c) => c.url.pathname === '/api/achievements').at(-1)!;
      expect(last.url.searchParams.get('TrlMin')).toBe('5');
      expect(last.url.searchParams.get('TrlMax')).toBe('6');
      expect(last.url.searchParams.get('Q')).toBe('燃料电池');
    });
  });

  it('ranks a text search by relevance, marks its words, and suggests a way out of an empty result', async () => {
    const api = mockApi({
      'GET /api/achievements': (url) => (url.searchParams.get('Q') === '燃料电池 电堆'
        ? listingPage([achievement()], ['燃料电池', '电堆'])
        : listingPage([], [])),
      'GET /api/organisations': () => page([]),
    });
    renderApp('/achievements?q=' + encodeURIComponent('燃料电池 电堆'));
    const card = await screen.findByTestId('listing-card');
    // Adjacent words are marked as one phrase.
    expect([...card.querySelectorAll('h3 mark')].map((m) => m.textContent)).toEqual(['燃料电池电堆']);
    expect(screen.getByTestId('filter-sort')).toHaveValue('relevance');
    await userEvent.selectOptions(screen.getByTestId('filter-sort'), 'newest');
    await waitFor(() => expect(api.calls.filter((c) => c.url.pathname === '/api/achievements').at(-1)!.url.searchParams.get('Sort')).toBe('newest'));

    await userEvent.clear(screen.getByTestId('catalogue-search'));
    await userEvent.type(screen.getByTestId('catalogue-search'), '量子');
    await userEvent.click(screen.getByTestId('catalogue-search-submit'));
    await userEvent.selectOptions(screen.getByTestId('filter-field'), 'NewMaterials');
    const empty = await screen.findByTestId('catalogue-suggestions');
    expect(within(empty).getByTestId('suggest-other-kind')).toHaveAttribute('href', '/needs?q=%E9%87%8F%E5%AD%90');
    await userEvent.click(within(empty).getByTestId('suggest-clear-filters'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/achievements?q=%E9%87%8F%E5%AD%90'));
  });

  it('searches from the home page in the chosen catalogue', async () => {
    mockApi({ 'GET /api/achievements': () => listingPage([]), 'GET /api/needs': () => listingPage([]), 'GET /api/organisations': () => page([]) });
    renderApp('/');
    await userEvent.selectOptions(await screen.findByTestId('home-search-kind'), 'needs');
    await userEvent.type(screen.getByTestId('home-search'), '焊接机器人');
    await userEvent.click(screen.getByTestId('home-search-submit'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/needs?q=%E7%84%8A%E6%8E%A5%E6%9C%BA%E5%99%A8%E4%BA%BA'));
  });

  it('switches language in place: same page, same search, English texts and yuan amounts', async () => {
    mockApi({
      'GET /api/achievements': () => page([achievement()], 1),
      'GET /api/organisations': () => page([]),
    });
    renderApp('/achievements?q=fuel');
    await screen.findByTestId('listing-card');
    await userEvent.click(screen.getByTestId('lang-en'));
    expect(await screen.findByRole('heading', { level: 1, name: 'Scientific and technological achievements' })).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/achievements?q=fuel');
    expect(screen.getByTestId('catalogue-search')).toHaveValue('fuel');
    expect(screen.getByText('8,000,000 yuan – 30,000,000 yuan')).toBeInTheDocument();
    expect(screen.getAllByText('New energy and energy efficiency').length).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('ttm.lang')).toBe('en');
  });

  it('shows a readable message, not a blank page, when the API fails', async () => {
    mockApi({
      'GET /api/needs': () => json({ title: 'Bad Request', status: 400, detail: 'Region is a GB/T 2260 code or its prefix.', code: 'bad_request' }, 400),
      'GET /api/organisations': () => page([]),
    });
    renderApp('/needs?region=x');
    expect(await screen.findByRole('alert')).toHaveTextContent('Region is a GB/T 2260 code or its prefix.');
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument();
  });

  it('shows a record page with its facts', async () => {
    mockApi({ 'GET /api/needs/{id}': () => need() });
    renderApp('/needs/n1');
    expect(await screen.findByTestId('record-title')).toHaveTextContent('转炉钢渣稳定化与建材化利用');
    expect(screen.getByTestId('record-budget')).toHaveTextContent('300–800万元');
    expect(screen.getByTestId('need-indicators')).toHaveTextContent('f-CaO含量');
    expect(screen.getByText('2027年9月23日')).toBeInTheDocument();
  });

  it('says when a record does not exist', async () => {
    mockApi({ 'GET /api/achievements/{id}': () => json({ title: 'Not Found', status: 404, detail: 'Achievement was not found.', code: 'not_found' }, 404) });
    renderApp('/achievements/nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Achievement was not found.');
  });
});
