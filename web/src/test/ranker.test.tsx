import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { admin, json, mockApi, renderApp } from './utils';

const model = (version: string, promoted: boolean, candidateProposed: number | null = 1) => ({
  id: `id-${version}`, version, createdAt: '2026-12-06T03:00:00Z', trainingSamples: 480, heldBackSamples: 120, positives: 150, negatives: 450,
  candidateAuc: 0.8123, candidateMap: 0.8678, servingVersion: 'weights-v1', servingAuc: 0.5603, servingMap: 0.7318,
  candidateProposed, servingProposed: candidateProposed === null ? null : 1, promoted, promotedAt: promoted ? '2026-12-06T03:00:00Z' : null,
});

describe('the administrator retrains the matching ranker', () => {
  it('shows the serving model and the candidates with their metrics, and a retrain that is promoted', async () => {
    let models: ReturnType<typeof model>[] = [];
    let serving = 'weights-v1';
    const api = mockApi({
      'GET /api/admin/matching/ranker': () => ({ servingVersion: serving, outcomes: 600, models }),
      'POST /api/admin/matching/ranker/retrain': () => {
        const m = model('gam-20261206-0300-a1b2c3d4', true);
        models = [m];
        serving = m.version;
        return m;
      },
    });
    renderApp('/admin?tab=ranker', { me: admin });
    expect(await screen.findByTestId('ranker-serving')).toHaveTextContent('当前服务：weights-v1');
    expect(screen.getByTestId('ranker-none')).toHaveTextContent('尚未训练模型');

    await userEvent.click(screen.getByTestId('ranker-retrain'));
    expect(await screen.findByTestId('ranker-result')).toHaveTextContent('已启用');
    const row = await screen.findByTestId('ranker-model');
    expect(row).toHaveAttribute('data-version', 'gam-20261206-0300-a1b2c3d4');
    expect(within(row).getByText('0.812 / 0.868')).toBeInTheDocument();
    expect(within(row).getByTestId('ranker-proposed')).toHaveTextContent('100% （当时服务的模型：100%）');
    expect(row).toHaveTextContent('服务中');
    expect(screen.getByTestId('ranker-serving')).toHaveTextContent('gam-20261206-0300-a1b2c3d4');
    expect(api.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('says why a candidate that ranks better is kept when it would propose fewer of the pairs taken up', async () => {
    let models: ReturnType<typeof model>[] = [model('gam-20261101-0300-00000000', false, null)];
    mockApi({
      'GET /api/admin/matching/ranker': () => ({ servingVersion: 'weights-v1', outcomes: 600, models }),
      'POST /api/admin/matching/ranker/retrain': () => {
        const m = model('gam-20261206-0300-a1b2c3d4', false, 0.625);
        models = [m, ...models];
        return m;
      },
    });
    await i18n.changeLanguage('en');
    renderApp('/admin?tab=ranker', { me: admin });
    expect(await screen.findByTestId('ranker-proposed')).toHaveTextContent('not measured');
    await userEvent.click(screen.getByTestId('ranker-retrain'));
    expect(await screen.findByTestId('ranker-result')).toHaveTextContent('Ranks better, but would propose fewer of the pairs firms took up');
    await waitFor(() => expect(screen.getAllByTestId('ranker-model')).toHaveLength(2));
    const rows = screen.getAllByTestId('ranker-model');
    expect(within(rows[0]).getByTestId('ranker-proposed')).toHaveTextContent('63% (serving model then: 100%)');
    expect(rows[0]).toHaveTextContent('Not promoted');
  });

  it('says when there are too few outcomes to train on', async () => {
    mockApi({
      'GET /api/admin/matching/ranker': () => ({ servingVersion: 'weights-v1', outcomes: 3, models: [] }),
      'POST /api/admin/matching/ranker/retrain': () => json({ title: '冲突', status: 409, detail: '重新训练需要训练部分和留出部分都有已接受和已忽略的推荐。' }, 409),
    });
    renderApp('/admin?tab=ranker', { me: admin });
    await userEvent.click(await screen.findByTestId('ranker-retrain'));
    expect(await screen.findByTestId('ranker-error')).toHaveTextContent('已接受和已忽略的推荐');
    expect(screen.queryByTestId('ranker-result')).not.toBeInTheDocument();
  });
});
