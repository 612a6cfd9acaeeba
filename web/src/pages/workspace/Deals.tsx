import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCapabilities } from '../../api/capabilities';
import { itemsOf } from '../../api/endpoints';
import { ApiError, describeError } from '../../api/problem';
import { AmountInput } from '../../components/AmountInput';
import { ErrorMessage, Field, Loading, Notice, NotAvailable } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { useHubEvent } from '../../lib/realtime';

export const DEAL_STAGES = ['Proposed', 'Contacted', 'Negotiating', 'Signed', 'Closed'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];

export type Deal = {
  id: string; stage: DealStage | string; version: number; title?: string;
  achievement?: { id: string; title: string } | null; need?: { id: string; title: string } | null;
  achievementTitle?: string; needTitle?: string; updatedAt?: string; closeReason?: string | null;
  contractId?: string | null;
  [key: string]: unknown;
};

const dealTitle = (d: Deal) => d.title ?? [d.achievement?.title ?? d.achievementTitle, d.need?.title ?? d.needTitle].filter(Boolean).join(' ⇄ ');

/** The technology manager's board of deals by stage. */
export function DealsBoard() {
  const { t } = useTranslation();
  const caps = useCapabilities();
  const available = caps.has('get', '/api/deals');
  const deals = useAsync(() => api<{ items: Deal[] } | Deal[]>('/api/deals').then(itemsOf), [available], available);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [contractFor, setContractFor] = useState<Deal | null>(null);
  useHubEvent(['DealChanged', 'dealChanged', 'DealMoved'], () => deals.reload());

  const move = async (deal: Deal, stage: string) => {
    if (stage === deal.stage) return;
    setError(null);
    setNotice(null);
    let reason: string | null = null;
    if (stage === 'Closed') {
      reason = window.prompt(t('deals.closeReason')) ?? null;
      if (reason === null) return;
    }
    try {
      await api(`/api/deals/${deal.id}/stage`, { method: 'POST', body: { stage, version: deal.version, reason } });
      setNotice(t('deals.moved', { stage: t(`deals.stage.${stage}`) }));
      deals.reload();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Someone else moved it (or the move is not allowed now): show the board as it is and say why.
        setNotice(t('deals.reloaded', { reason: e.problem.detail ?? describeError(e, t) }));
        deals.reload();
      } else setError(e);
    }
  };

  return (
    <section className="page wide" aria-labelledby="deals-title" data-testid="deals-page">
      <h1 id="deals-title">{t('deals.title')}</h1>
      {!caps.loaded ? <Loading /> : !available ? <NotAvailable what="/api/deals" testId="deals-not-available" /> : (
        <>
          {notice && <Notice kind="info" testId="deals-notice">{notice}</Notice>}
          <ErrorMessage error={error ?? deals.error} onRetry={deals.reload} />
          {deals.loading && !deals.data ? <Loading /> : null}
          <div className="board" data-testid="deals-board">
            {DEAL_STAGES.map((stage, si) => {
              const items = (deals.data ?? []).filter((d) => d.stage === stage);
              return (
                <section key={stage} className="board-column" aria-labelledby={`col-${stage}`} data-testid={`deals-column-${stage}`}
                  onDragOver={(e) => e.preventDefault()}
                  onDrop={(e) => { const id = e.dataTransfer.getData('text/plain'); const d = deals.data?.find((x) => x.id === id); if (d) void move(d, stage); }}>
                  <h2 id={`col-${stage}`}>{t(`deals.stage.${stage}`)} <span className="count">{items.length}</span></h2>
                  {items.length === 0 && <p className="muted small">{t('deals.none')}</p>}
                  {items.map((d) => (
                    <DealCard key={d.id} deal={d} prev={DEAL_STAGES[si - 1]} next={stage === 'Signed' || stage === 'Closed' ? undefined : DEAL_STAGES[si + 1]}
                      onMove={move} onContract={caps.has('post', '/api/contracts') && stage === 'Signed' && !d.contractId ? () => setContractFor(d) : undefined} />
                  ))}
                </section>
              );
            })}
          </div>
          {contractFor && <ContractForm deal={contractFor} onClose={() => setContractFor(null)} onSaved={() => { setContractFor(null); setNotice(t('deals.contract.saved')); deals.reload(); }} />}
        </>
      )}
    </section>
  );
}

function DealCard({ deal, prev, next, onMove, onContract }: { deal: Deal; prev?: string; next?: string; onMove: (d: Deal, s: string) => void; onContract?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="card deal-card" draggable onDragStart={(e) => e.dataTransfer.setData('text/plain', deal.id)} data-testid="deal-card" data-id={deal.id} data-stage={deal.stage}>
      <h3>{dealTitle(deal)}</h3>
      {deal.updatedAt && <p className="muted small">{formatDateTime(deal.updatedAt, lang)}</p>}
      <div className="card-actions">
        {prev && deal.stage !== 'Closed' && <button type="button" className="btn btn-small btn-ghost" onClick={() => onMove(deal, prev)} aria-label={t('deals.moveTo', { stage: t(`deals.stage.${prev}`) })} data-testid="deal-move-back">←</button>}
        {next && <button type="button" className="btn btn-small" onClick={() => onMove(deal, next)} data-testid="deal-move-next">{t('deals.moveTo', { stage: t(`deals.stage.${next}`) })}</button>}
        {deal.stage !== 'Closed' && deal.stage !== 'Signed' && <button type="button" className="btn btn-small btn-ghost" onClick={() => onMove(deal, 'Closed')} data-testid="deal-close">{t(`deals.stage.Closed`)}</button>}
        {onContract && <button type="button" className="btn btn-small btn-primary" onClick={onContract} data-testid="deal-record-contract">{t('deals.recordContract')}</button>}
      </div>
    </article>
  );
}

const CONTRACT_CATEGORIES = ['Development', 'Transfer', 'Licence', 'Consulting', 'Service'];

function ContractForm({ deal, onClose, onSaved }: { deal: Deal; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ category: 'Transfer', totalAmount: null as number | null, technologyIncome: null as number | null, signedOn: '', registeredOn: '', registrationNumber: '' });
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/contracts', { method: 'POST', body: { dealId: deal.id, ...form, registeredOn: form.registeredOn || null, registrationNumber: form.registrationNumber || null } });
      onSaved();
    } catch (err) { setError(err); }
  };
  return (
    <div className="dialog-backdrop">
      <form className="dialog card form" role="dialog" aria-modal="true" aria-labelledby="contract-title" onSubmit={submit} data-testid="contract-form">
        <h2 id="contract-title">{t('deals.contract.title')}</h2>
        <p className="muted">{dealTitle(deal)}</p>
        <Field label={t('deals.contract.category')} name="category" errors={fe}>
          {(p) => <select {...p} value={form.category} onChange={(e) => setForm({ ...form, category: e.target.value })}>{CONTRACT_CATEGORIES.map((c) => <option key={c} value={c}>{c}</option>)}</select>}
        </Field>
        <Field label={t('deals.contract.totalAmount')} name="totalAmount" errors={fe}>
          {(p) => <AmountInput {...p} value={form.totalAmount} onChange={(v) => setForm({ ...form, totalAmount: v })} testId="contract-total" />}
        </Field>
        <Field label={t('deals.contract.technologyIncome')} name="technologyIncome" errors={fe}>
          {(p) => <AmountInput {...p} value={form.technologyIncome} onChange={(v) => setForm({ ...form, technologyIncome: v })} testId="contract-income" />}
        </Field>
        <Field label={t('deals.contract.signedOn')} name="signedOn" errors={fe}>
          {(p) => <input {...p} type="date" value={form.signedOn} onChange={(e) => setForm({ ...form, signedOn: e.target.value })} data-testid="contract-signed" />}
        </Field>
        <Field label={t('deals.contract.registeredOn')} name="registeredOn" errors={fe}>
          {(p) => <input {...p} type="date" value={form.registeredOn} onChange={(e) => setForm({ ...form, registeredOn: e.target.value })} />}
        </Field>
        <Field label={t('deals.contract.registrationNumber')} name="registrationNumber" errors={fe}>
          {(p) => <input {...p} inputMode="numeric" maxLength={16} value={form.registrationNumber} onChange={(e) => setForm({ ...form, registrationNumber: e.target.value })} />}
        </Field>
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" data-testid="contract-submit">{t('common.save')}</button>
          <button type="button" className="btn btn-ghost" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}
