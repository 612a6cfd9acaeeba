import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError, describeError } from '../../api/problem';
import {
  CLOSE_REASONS, CONTRACT_CATEGORIES, DEAL_STAGES, TECHNICAL_FIELDS, TRANSFORMATION_MODES,
  type ContractInput, type DealCloseReason, type DealStage, type WorkbenchDeal,
} from '../../api/types';
import { deals as dealsApi } from '../../api/endpoints';
import { DealCallSection } from '../calls/DealCall';
import { AmountInput } from '../../components/AmountInput';
import { DateText, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { useAuth } from '../../auth/AuthContext';
import { useLiveReload } from '../../lib/realtime';


/** Hub methods after which the board is read again. */
export const DEAL_EVENTS = ['Notification', 'DealChanged', 'DealStageChanged'];

/** The technology manager's board of deals by stage. */
export function DealsBoard() {
  const { t } = useTranslation();
  const lang = useLang();
  const board = useAsync(() => data(http.GET('/api/deals/workbench')), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [params] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(params.get('deal'));
  const [closing, setClosing] = useState<WorkbenchDeal | null>(null);
  useLiveReload(DEAL_EVENTS, board.reload, 15_000);
  const all = board.data?.stages.flatMap((s) => s.deals) ?? [];
  const { me } = useAuth();
  /** Open deals nobody brokers yet (opened by the parties), for a manager to take. */
  const unassigned = board.data?.unassigned ?? [];

  /** Runs a board action; a refusal the board can explain (someone was quicker, or the change is not allowed from
   * here) reloads the board and says why, anything else is an error. */
  const act = async (call: () => Promise<unknown>, done: () => string, explained: number[]) => {
    setError(null);
    setNotice(null);
    try {
      await call();
      setNotice(done());
    } catch (e) {
      if (e instanceof ApiError && explained.includes(e.status)) {
        setNotice(t('deals.reloaded', { reason: e.isStale ? t('errors.stale') : describeError(e, t) }));
      } else setError(e);
    }
    board.reload();
  };

  const take = (deal: WorkbenchDeal, managerUserId: string) =>
    act(() => data(http.POST('/api/deals/{id}/assign', { params: { path: { id: deal.id } }, body: { managerUserId, version: deal.version } })),
      () => t('deals.taken', { title: deal.title }), [409, 403]);

  const move = async (deal: WorkbenchDeal, stage: DealStage, closeReason?: DealCloseReason, note?: string) => {
    if (stage === deal.stage) return;
    if (stage === 'Closed' && !closeReason) { setClosing(deal); return; }
    await act(() => data(http.POST('/api/deals/{id}/stage', { params: { path: { id: deal.id } }, body: { stage, version: deal.version, closeReason: closeReason ?? null, note: note || null } })),
      () => t('deals.moved', { stage: t(`deals.stage.${stage}`) }), [409]);
  };

  return (
    <section className="page wide" aria-labelledby="deals-title" data-testid="deals-page">
      <h1 id="deals-title">{t('deals.title')}</h1>
      {board.data && (
        <dl className="summary" data-testid="deals-summary">
          <div><dt>{t('deals.avgFirstContact')}</dt><dd>{board.data.averageDaysToFirstContact === null ? '—' : t('deals.days', { n: formatNumber(board.data.averageDaysToFirstContact, lang, 1) })}</dd></div>
          <div><dt>{t('deals.avgSigning')}</dt><dd>{board.data.averageDaysToSigning === null ? '—' : t('deals.days', { n: formatNumber(board.data.averageDaysToSigning, lang, 1) })}</dd></div>
          <div><dt>{t('deals.stage.Signed')}</dt><dd>{formatNumber(board.data.signed, lang)}</dd></div>
          <div><dt>{t('deals.stage.Closed')}</dt><dd>{formatNumber(board.data.closed, lang)}</dd></div>
          <div><dt>{t('deals.overdue')}</dt><dd data-testid="deals-overdue">{formatNumber(board.data.overdue.length, lang)}</dd></div>
        </dl>
      )}
      {notice && <Notice kind="info" testId="deals-notice">{notice}</Notice>}
      <ErrorMessage error={error ?? board.error} onRetry={board.reload} />
      {board.loading && !board.data ? <Loading /> : null}
      {unassigned.length > 0 && (
        <section className="card" aria-labelledby="unassigned-title" data-testid="deals-unassigned">
          <h2 id="unassigned-title">{t('deals.unassigned')} <span className="count">{unassigned.length}</span></h2>
          <p className="muted small">{t('deals.unassignedHint')}</p>
          <ul className="plain-list">
            {unassigned.map((d) => (
              <li key={d.id} data-testid="unassigned-deal" data-id={d.id}>
                <strong>{d.title}</strong> <span className="muted small"><DateText value={d.proposedAt} /></span>{' '}
                <button type="button" className="btn btn-small btn-primary" onClick={() => me && void take(d, me.id)} data-testid="deal-take">{t('deals.take')}</button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {board.data && all.length === 0 && unassigned.length === 0 && (
        <Notice kind="info" testId="deals-empty">
          {t('guide.dealsEmpty')} <Link to="/needs" data-testid="deals-empty-proposals">{t('guide.dealsProposals')}</Link>
        </Notice>
      )}
      <div className="board" data-testid="deals-board">
        {DEAL_STAGES.map((stage, si) => {
          const items = all.filter((d) => d.stage === stage);
          return (
            <section key={stage} className="board-column" aria-labelledby={`col-${stage}`} data-testid={`deals-column-${stage}`}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => { const id = e.dataTransfer.getData('text/plain'); const d = all.find((x) => x.id === id); if (d) void move(d, stage); }}>
              <h2 id={`col-${stage}`}>{t(`deals.stage.${stage}`)} <span className="count">{items.length}</span></h2>
              {items.length === 0 && <p className="muted small">{t('deals.none')}</p>}
              {items.map((d) => (
                <DealCard key={d.id} deal={d} prev={stage === 'Closed' || stage === 'Signed' ? undefined : DEAL_STAGES[si - 1]}
                  next={stage === 'Signed' || stage === 'Closed' ? undefined : DEAL_STAGES[si + 1]}
                  onMove={move} onOpen={() => setOpenId(d.id)} />
              ))}
            </section>
          );
        })}
      </div>
      {closing && <CloseDialog deal={closing} onCancel={() => setClosing(null)} onClose={(reason, note) => { const d = closing; setClosing(null); void move(d, 'Closed', reason, note); }} />}
      {openId && <DealDialog id={openId} onDone={(msg) => { if (msg) setNotice(msg); board.reload(); }} onClose={() => setOpenId(null)} />}
    </section>
  );
}

function DealCard({ deal, prev, next, onMove, onOpen }: { deal: WorkbenchDeal; prev?: DealStage; next?: DealStage; onMove: (d: WorkbenchDeal, s: DealStage) => void; onOpen: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="card deal-card" draggable onDragStart={(e) => e.dataTransfer.setData('text/plain', deal.id)} data-testid="deal-card" data-id={deal.id} data-stage={deal.stage}>
      <h3><button type="button" className="link-button" onClick={onOpen} data-testid="deal-open">{deal.title}</button></h3>
      {deal.nextStep && <p className="small">{t('deals.nextStep')}: {deal.nextStep}{deal.nextStepOn ? <> · <DateText value={deal.nextStepOn} /></> : null}</p>}
      <p className="muted small">{formatDateTime(deal.updatedAt, lang)}</p>
      <div className="card-actions">
        {prev && <button type="button" className="btn btn-small btn-ghost" onClick={() => onMove(deal, prev)} aria-label={t('deals.moveTo', { stage: t(`deals.stage.${prev}`) })} data-testid="deal-move-back">←</button>}
        {next && <button type="button" className="btn btn-small" onClick={() => onMove(deal, next)} data-testid="deal-move-next">{t('deals.moveTo', { stage: t(`deals.stage.${next}`) })}</button>}
        {deal.stage !== 'Closed' && deal.stage !== 'Signed' && <button type="button" className="btn btn-small btn-ghost" onClick={() => onMove(deal, 'Closed')} data-testid="deal-close">{t('deals.close')}</button>}
      </div>
    </article>
  );
}

function CloseDialog({ deal, onCancel, onClose }: { deal: WorkbenchDeal; onCancel: () => void; onClose: (reason: DealCloseReason, note: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<DealCloseReason>(CLOSE_REASONS[0]);
  const [note, setNote] = useState('');
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <form className="dialog card form" role="dialog" aria-modal="true" aria-labelledby="close-title" data-testid="close-deal-form"
        onSubmit={(e) => { e.preventDefault(); onClose(reason, note); }}>
        <h2 id="close-title">{t('deals.close')}: {deal.title}</h2>
        <Field label={t('deals.closeReason')} name="closeReason">
          {(p) => <select {...p} autoFocus value={reason} onChange={(e) => setReason(e.target.value as DealCloseReason)} data-testid="close-reason">{CLOSE_REASONS.map((r) => <option key={r} value={r}>{t(`deals.closeReasons.${r}`)}</option>)}</select>}
        </Field>
        <Field label={t('deals.notes')} name="note">{(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-danger" data-testid="close-confirm">{t('deals.close')}</button>
          <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('common.cancel')}</button>
        </div>
      </form>
    </div>
  );
}

/** A deal's timeline, notes, and — once signed — the contract form pre-filled from the deal. */
function DealDialog({ id, onClose, onDone }: { id: string; onClose: () => void; onDone: (notice?: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const deal = useAsync((signal) => dealsApi.get(id, signal), [id]);
  const [note, setNote] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [nextStepOn, setNextStepOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [contract, setContract] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const d = deal.data;
  const addNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!d) return;
    setError(null);
    try {
      await data(http.POST('/api/deals/{id}/notes', { params: { path: { id } }, body: { note, nextStep: nextStep || null, nextStepOn: nextStepOn || null, version: d.version } }));
      setNote(''); setNextStep(''); setNextStepOn('');
      deal.reload();
      onDone();
    } catch (err) { setError(err); if (err instanceof ApiError && err.isStale) deal.reload(); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog card wide-dialog" role="dialog" aria-modal="true" aria-labelledby="deal-title" data-testid="deal-dialog">
        <div className="row"><h2 id="deal-title">{d?.title ?? '…'}</h2><button type="button" className="btn btn-small btn-ghost" onClick={onClose} autoFocus>{t('common.close')}</button></div>
        <ErrorMessage error={deal.error} onRetry={deal.reload} />
        {!d ? <Loading /> : (
          <>
            <p className="muted">{d.seller.nameZh} → {d.buyer.nameZh} · {t(`deals.stage.${d.stage}`)}{d.closeReason ? ` · ${t(`deals.closeReasons.${d.closeReason}`)}` : ''}</p>
            {(recorded || d.contractId) && <Notice kind="success" testId="deal-contract-recorded">{t('deals.contract.saved')}</Notice>}
            {d.stage === 'Signed' && !contract && !recorded && !d.contractId && (
              <button type="button" className="btn btn-primary" onClick={() => setContract(true)} data-testid="deal-record-contract">{t('deals.recordContract')}</button>
            )}
            {contract && (
              <ContractForm dealId={id} onCancel={() => setContract(false)}
                onSubmit={async (input) => {
                  await data(http.POST('/api/contracts', { body: input }));
                  setContract(false); setRecorded(true); onDone(t('deals.contract.saved')); deal.reload();
                }} />
            )}
            {d.callProposalId && <DealCallSection dealId={id} />}
            <h3>{t('deals.timeline')}</h3>
            <ol className="timeline" data-testid="deal-timeline">
              {d.timeline.map((ev) => (
                <li key={ev.id}>
                  <small className="muted">{formatDateTime(ev.at, lang)}</small>{' '}
                  {ev.kind === 'StageChanged' && ev.toStage ? t('deals.event.moved', { from: ev.fromStage ? t(`deals.stage.${ev.fromStage}`) : '—', to: t(`deals.stage.${ev.toStage}`) }) : t(`deals.event.${ev.kind}`, { defaultValue: ev.kind })}
                  {ev.note && <p className="prose">{ev.note}</p>}
                </li>
              ))}
            </ol>
            <form className="form" onSubmit={addNote} data-testid="deal-note-form">
              <Field label={t('deals.addNote')} name="note" errors={fe}>{(p) => <textarea {...p} rows={2} value={note} onChange={(e) => setNote(e.target.value)} data-testid="deal-note" />}</Field>
              <div className="grid-2">
                <Field label={t('deals.nextStep')} name="nextStep" errors={fe}>{(p) => <input {...p} value={nextStep} onChange={(e) => setNextStep(e.target.value)} />}</Field>
                <Field label={t('deals.nextStepOn')} name="nextStepOn" errors={fe}>{(p) => <input {...p} type="date" value={nextStepOn} onChange={(e) => setNextStepOn(e.target.value)} />}</Field>
              </div>
              <button type="submit" className="btn" disabled={!note.trim()} data-testid="deal-note-submit">{t('deals.addNote')}</button>
            </form>
            <ErrorMessage error={error} />
          </>
        )}
      </div>
    </div>
  );
}

type ContractDraft = Omit<ContractInput, 'totalAmount' | 'technologyIncome'> & { totalAmount: number | null; technologyIncome: number | null };

/**
 * The technology contract of a signed deal, pre-filled from the deal (`GET /api/deals/{id}/contract-draft`).
 * The deal's manager and the bureau record it; a party of the deal proposes it to the other party.
 */
export function ContractForm({ dealId, title, submitLabel, onSubmit, onCancel }: {
  dealId: string; title?: string; submitLabel?: string; onSubmit: (input: ContractInput) => Promise<unknown>; onCancel: () => void;
}) {
  const { t } = useTranslation();
  const draft = useAsync((signal) => dealsApi.contractDraft(dealId, signal), [dealId]);
  const [form, setForm] = useState<ContractDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const f: ContractDraft | null = form ?? draft.data ?? null;
  const set = <K extends keyof ContractDraft>(k: K, v: ContractDraft[K]) => setForm({ ...(f as ContractDraft), [k]: v });
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!f) return;
    setError(null);
    setBusy(true);
    try {
      await onSubmit({ ...f, dealId, registeredOn: f.registeredOn || null, registrationNumber: f.registrationNumber || null } as ContractInput);
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  if (draft.error) return <ErrorMessage error={draft.error} onRetry={draft.reload} />;
  if (!f) return <Loading />;
  return (
    <form className="form card" onSubmit={submit} data-testid="contract-form" aria-labelledby={`contract-title-${dealId}`} noValidate>
      <h3 id={`contract-title-${dealId}`}>{title ?? t('deals.contract.title')}</h3>
      <Field label={t('deals.contract.projectName')} name="projectName" errors={fe}>{(p) => <input {...p} value={f.projectName ?? ''} onChange={(e) => set('projectName', e.target.value)} data-testid="contract-project" />}</Field>
      <div className="grid-2">
        <Field label={t('deals.contract.category')} name="category" errors={fe}>
          {(p) => <select {...p} value={f.category} onChange={(e) => set('category', e.target.value as ContractDraft['category'])} data-testid="contract-category">{CONTRACT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`deals.contract.categories.${c}`)}</option>)}</select>}
        </Field>
        <Field label={t('deals.contract.transformationMode')} name="transformationMode" errors={fe}>
          {(p) => <select {...p} value={f.transformationMode} onChange={(e) => set('transformationMode', e.target.value as ContractDraft['transformationMode'])} data-testid="contract-mode">{TRANSFORMATION_MODES.map((c) => <option key={c} value={c}>{t(`transferMode.${c}`)}</option>)}</select>}
        </Field>
      </div>
      <Field label={t('listing.field')} name="field" errors={fe}>
        {(p) => <select {...p} value={f.field} onChange={(e) => set('field', e.target.value as ContractDraft['field'])}>{TECHNICAL_FIELDS.map((x) => <option key={x} value={x}>{t(`field.${x}`)}</option>)}</select>}
      </Field>
      <div className="grid-2">
        <Field label={t('deals.contract.totalAmount')} name="totalAmount" errors={fe}>{(p) => <AmountInput {...p} value={f.totalAmount} onChange={(v) => set('totalAmount', v)} testId="contract-total" />}</Field>
        <Field label={t('deals.contract.technologyIncome')} name="technologyIncome" errors={fe}>{(p) => <AmountInput {...p} value={f.technologyIncome} onChange={(v) => set('technologyIncome', v)} testId="contract-income" />}</Field>
      </div>
      <div className="grid-2">
        <Field label={t('deals.contract.signedOn')} name="signedOn" errors={fe}>{(p) => <input {...p} type="date" value={f.signedOn ?? ''} onChange={(e) => set('signedOn', e.target.value)} data-testid="contract-signed" />}</Field>
        <Field label={t('deals.contract.registeredOn')} name="registeredOn" errors={fe}>{(p) => <input {...p} type="date" value={f.registeredOn ?? ''} onChange={(e) => set('registeredOn', e.target.value || null)} data-testid="contract-registered" />}</Field>
      </div>
      <Field label={t('deals.contract.registrationNumber')} name="registrationNumber" errors={fe}>{(p) => <input {...p} inputMode="numeric" maxLength={16} value={f.registrationNumber ?? ''} onChange={(e) => set('registrationNumber', e.target.value)} data-testid="contract-regno" />}</Field>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="contract-submit">{submitLabel ?? t('common.save')}</button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
