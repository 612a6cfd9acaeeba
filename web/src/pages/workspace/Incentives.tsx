import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, download, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { TECHNICAL_FIELDS, type TechnicalField } from '../../api/types';
import { ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';
import { IncentiveEntitlements } from './IncentiveEntitlements';
import { ComparisonTable, SimulationResult, type Simulation } from './IncentiveSimulation';

type S = components['schemas'];
type Rules = S['IncentiveRules'];
type Form = {
  name: string; description: string; beneficiary: Rules['beneficiary']; mode: Rules['mode']; basis: Rules['basis'];
  localBuyersOnly: boolean; firstTimeBuyersOnly: boolean; fields: TechnicalField[]; categories: string[]; ratePct: string; fixedAmount: string; tiers: string;
  minAmount: string; maxAmount: string; capPerBeneficiary: string; totalCap: string; assumedSwitchSharePct: string;
};

const BENEFICIARIES: Rules['beneficiary'][] = ['Institution', 'InventorTeam', 'LocalBuyer', 'TechnologyManager'];
const MODES: Rules['mode'][] = ['Percentage', 'FixedPerContract', 'Tiered'];
/** The indicators' transformation categories, as the rules name them (docs/indicators.md). */
const CATEGORIES = ['transfer', 'licence', 'equity-investment', 'development', 'consulting', 'service'];
const EMPTY: Form = {
  name: '', description: '', beneficiary: 'Institution', mode: 'Percentage', basis: 'TechnologyIncome', localBuyersOnly: true, firstTimeBuyersOnly: false, fields: [], categories: [],
  ratePct: '10', fixedAmount: '', tiers: '0-1000000:5\n1000000-:3', minAmount: '', maxAmount: '', capPerBeneficiary: '', totalCap: '', assumedSwitchSharePct: '10',
};

const num = (s: string) => (s.trim() === '' ? null : Number(s));
/** Tiers as typed: one a line, "from-to:rate" (yuan, percent), the last may leave "to" open. */
const tiersOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
  const [range, rate] = l.split(':');
  const [from, to] = (range ?? '').split('-');
  return { fromAmount: Number(from), toAmount: num(to ?? ''), ratePct: Number(rate) };
});

function rulesOf(f: Form): Rules {
  return {
    beneficiary: f.beneficiary, mode: f.mode, basis: f.basis, localBuyersOnly: f.localBuyersOnly, firstTimeBuyersOnly: f.firstTimeBuyersOnly,
    fields: f.fields.length ? f.fields : null, categories: f.categories.length ? f.categories : null,
    ratePct: f.mode === 'Percentage' ? num(f.ratePct) : null, fixedAmount: f.mode === 'FixedPerContract' ? num(f.fixedAmount) : null,
    tiers: f.mode === 'Tiered' ? tiersOf(f.tiers) : null, minAmount: num(f.minAmount), maxAmount: num(f.maxAmount),
    capPerBeneficiary: num(f.capPerBeneficiary), totalCap: num(f.totalCap), assumedSwitchSharePct: num(f.assumedSwitchSharePct),
  };
}

/** The bureau's incentive schemes: write or revise one, simulate it on a year's contracts, compare two, export (docs/programmes.md). */
export function IncentivesPage() {
  const { t } = useTranslation();
  const list = useAsync((signal) => data(http.GET('/api/incentive-schemes', { signal })), []);
  const [form, setForm] = useState<Form>(EMPTY);
  const [editing, setEditing] = useState<S['IncentiveSchemeView'] | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const [year, setYear] = useState(2023);
  const [share, setShare] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [result, setResult] = useState<Simulation | null>(null);
  const [comparison, setComparison] = useState<S['IncentiveComparison'] | null>(null);
  // The revision chosen per scheme (the newest unless chosen) and what the comparison shown ran on, for its export.
  const [revisionOf, setRevisionOf] = useState<Record<string, number>>({});
  const [compared, setCompared] = useState<{ first: string; firstRevision: number; second: string; secondRevision: number } | null>(null);
  const [entitled, setEntitled] = useState<string | null>(null);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const query = { year, switchSharePct: num(share) ?? undefined };

  const fail = (e: unknown) => {
    setError(e);
    const fields = e instanceof ApiError ? (e.problem.errors as Record<string, string[]> | undefined) : undefined;
    setErrors(fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^rules\./i, '').toLowerCase(), v])) : undefined);
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined); setErrors(undefined); setSaved(false);
    const body = { name: form.name, description: form.description || null, rules: rulesOf(form) };
    try {
      const view = editing
        ? await data(http.PUT('/api/incentive-schemes/{id}', { params: { path: { id: editing.id } }, body: { ...body, version: editing.version } }))
        : await data(http.POST('/api/incentive-schemes', { body }));
      setEditing(view); setSaved(true); setSelected((s) => (s.includes(view.id) ? s : [view.id, ...s].slice(0, 2))); list.reload();
    } catch (x) { fail(x); }
  };
  const edit = async (id: string) => {
    const v = await data(http.GET('/api/incentive-schemes/{id}', { params: { path: { id } } }));
    const r = v.rules;
    setEditing(v); setSaved(false);
    setForm({
      name: v.name, description: v.description, beneficiary: r.beneficiary, mode: r.mode, basis: r.basis, localBuyersOnly: r.localBuyersOnly, firstTimeBuyersOnly: r.firstTimeBuyersOnly,
      fields: r.fields ?? [], categories: r.categories ?? [],
      ratePct: String(r.ratePct ?? ''), fixedAmount: String(r.fixedAmount ?? ''), minAmount: String(r.minAmount ?? ''), maxAmount: String(r.maxAmount ?? ''),
      tiers: (r.tiers ?? []).map((x) => `${x.fromAmount}-${x.toAmount ?? ''}:${x.ratePct}`).join('\n'),
      capPerBeneficiary: String(r.capPerBeneficiary ?? ''), totalCap: String(r.totalCap ?? ''), assumedSwitchSharePct: String(r.assumedSwitchSharePct ?? ''),
    });
  };
  const revisionFor = (id: string) => revisionOf[id] ?? list.data?.find((x) => x.id === id)?.revision ?? 1;
  const simulate = async (id: string) => {
    setError(undefined); setComparison(null);
    try { setResult(await data(http.GET('/api/incentive-schemes/{id}/simulation', { params: { path: { id }, query: { ...query, revision: revisionFor(id) } } }))); } catch (x) { fail(x); }
  };
  /** Two schemes (or two revisions of one) on the same year and scenario share. */
  const compare = async (sides = { first: selected[0], firstRevision: revisionFor(selected[0]), second: selected[1], secondRevision: revisionFor(selected[1]) }) => {
    setError(undefined); setResult(null);
    try { setComparison(await data(http.GET('/api/incentive-schemes/compare', { params: { query: { ...sides, ...query } } }))); setCompared(sides); } catch (x) { fail(x); }
  };
  const exportResult = (format: 'xlsx' | 'pdf') => {
    setError(undefined);
    const call = comparison
      ? http.GET('/api/incentive-schemes/compare', { params: { query: { ...compared!, ...query, format } }, parseAs: 'blob' })
      : http.GET('/api/incentive-schemes/{id}/simulation', { params: { path: { id: result!.schemeId }, query: { ...query, revision: result!.revision, format } }, parseAs: 'blob' });
    download(call, `incentives-${year}.${format}`).catch(setError);
  };
  /** A box per choice; none ticked means every one counts. */
  const choices = <K extends 'fields' | 'categories'>(k: K, all: readonly Form[K][number][], label: (v: Form[K][number]) => string) => (
    <fieldset className={`field ${errors?.[k]?.length ? 'field-invalid' : ''}`} id={`field-${k}`} data-testid={`scheme-${k}`}>
      <legend>{t(`incentives.${k}Label`)} <span className="hint">{t('incentives.noneMeansAll')}</span></legend>
      <div className="checks">
        {all.map((v) => (
          <label key={v} className="check"><input type="checkbox" checked={(form[k] as string[]).includes(v)} data-testid={`scheme-${k}-${v}`}
            onChange={(e) => set(k, (e.target.checked ? [...form[k], v] : (form[k] as string[]).filter((x) => x !== v)) as Form[K])} /> {label(v)}</label>
        ))}
      </div>
      {errors?.[k]?.length ? <small className="field-error" data-testid={`field-error-${k}`}>{errors[k].join(' ')}</small> : null}
    </fieldset>
  );
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id].slice(-2)));
  const text = (k: keyof Form, label: string, hint?: string) => (
    <Field label={label} name={k.toLowerCase()} errors={errors} hint={hint}>
      {(p) => <input {...p} value={form[k] as string} onChange={(e) => set(k, e.target.value as never)} data-testid={`scheme-${k}`} />}
    </Field>
  );

  return (
    <section className="page wide" aria-labelledby="incentives-title" data-testid="incentives-page">
      <header className="page-header"><h1 id="incentives-title">{t('incentives.title')}</h1><p className="muted">{t('incentives.intro')}</p></header>
      <ErrorMessage error={list.error ?? error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      <section className="card" aria-labelledby="schemes-title">
        <h2 id="schemes-title">{t('incentives.schemes')}</h2>
        <div className="row">
          <label>{t('incentives.year')} <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="incentives-year" /></label>
          <label>{t('incentives.share')} <input type="number" value={share} placeholder={t('incentives.sharePlaceholder')} onChange={(e) => setShare(e.target.value)} data-testid="incentives-share" /></label>
          <button type="button" className="btn" disabled={selected.length !== 2} onClick={() => compare()} data-testid="incentives-compare">{t('incentives.compare.action')}</button>
          {(result || comparison) && <>
            <button type="button" className="btn btn-ghost" onClick={() => exportResult('xlsx')} data-testid="incentives-export-xlsx">{t('incentives.exportXlsx')}</button>
            <button type="button" className="btn btn-ghost" onClick={() => exportResult('pdf')} data-testid="incentives-export-pdf">{t('incentives.exportPdf')}</button>
          </>}
        </div>
        <table className="table" data-testid="incentive-schemes">
          <thead><tr><th scope="col">{t('incentives.select')}</th><th scope="col">{t('incentives.name')}</th><th scope="col">{t('incentives.beneficiaryLabel')}</th>
            <th scope="col">{t('incentives.modeLabel')}</th><th scope="col" className="num">{t('incentives.revision')}</th><th scope="col" /></tr></thead>
          <tbody>{(list.data ?? []).map((s) => (
            <tr key={s.id} data-testid="incentive-scheme-row">
              <td><input type="checkbox" aria-label={t('incentives.select')} checked={selected.includes(s.id)} onChange={() => toggle(s.id)} /></td>
              <th scope="row">{s.name}</th><td>{t(`incentives.beneficiaryKind.${s.beneficiary}`)}</td><td>{t(`incentives.mode.${s.mode}`)}</td>
              <td className="num">{s.revision > 1
                ? <select aria-label={t('incentives.revision')} value={revisionFor(s.id)} onChange={(e) => setRevisionOf((r) => ({ ...r, [s.id]: Number(e.target.value) }))} data-testid="scheme-revision">
                  {Array.from({ length: s.revision }, (_, i) => s.revision - i).map((n) => <option key={n} value={n}>r{n}</option>)}
                </select>
                : `r${s.revision}`}{s.adoptedRevision ? <span className="badge" data-testid="scheme-adopted"> {t('incentives.entitlements.adoptedBadge', { revision: s.adoptedRevision })}</span> : null}</td>
              <td className="btn-group">
                <button type="button" className="btn btn-small" onClick={() => simulate(s.id)} data-testid="incentive-simulate">{t('incentives.simulate')}</button>
                {revisionFor(s.id) < s.revision && (
                  <button type="button" className="btn btn-small" onClick={() => compare({ first: s.id, firstRevision: revisionFor(s.id), second: s.id, secondRevision: s.revision })}
                    data-testid="incentive-compare-revisions">{t('incentives.compareRevisions', { revision: revisionFor(s.id), newest: s.revision })}</button>
                )}
                <button type="button" className="btn btn-small btn-ghost" onClick={() => edit(s.id).catch(setError)} data-testid="incentive-edit">{t('incentives.edit')}</button>
                <button type="button" className="btn btn-small btn-ghost" aria-pressed={entitled === s.id} onClick={() => setEntitled(entitled === s.id ? null : s.id)}
                  data-testid="incentive-entitlements-open">{t('incentives.entitlements.open')}</button>
              </td>
            </tr>
          ))}</tbody>
        </table>
      </section>
      {entitled && list.data?.find((x) => x.id === entitled) && (
        <IncentiveEntitlements key={entitled} scheme={list.data.find((x) => x.id === entitled)!} onChanged={list.reload} />
      )}
      {comparison && <section className="card"><ComparisonTable first={comparison.first} second={comparison.second} /></section>}
      {result && <SimulationResult simulation={result} />}
      <form className="card form" onSubmit={save} aria-labelledby="scheme-form-title" data-testid="scheme-form">
        <h2 id="scheme-form-title">{editing ? t('incentives.reviseTitle', { name: editing.name, revision: editing.revision }) : t('incentives.newTitle')}</h2>
        {saved && <Notice kind="success" testId="scheme-saved">{t('incentives.saved', { revision: editing?.revision })}</Notice>}
        {text('name', t('incentives.name'))}
        {text('description', t('incentives.description'))}
        <div className="grid-3">
          <label>{t('incentives.beneficiaryLabel')} <select value={form.beneficiary} onChange={(e) => set('beneficiary', e.target.value as Form['beneficiary'])} data-testid="scheme-beneficiary">
            {BENEFICIARIES.map((b) => <option key={b} value={b}>{t(`incentives.beneficiaryKind.${b}`)}</option>)}</select></label>
          <label>{t('incentives.modeLabel')} <select value={form.mode} onChange={(e) => set('mode', e.target.value as Form['mode'])} data-testid="scheme-mode">
            {MODES.map((m) => <option key={m} value={m}>{t(`incentives.mode.${m}`)}</option>)}</select></label>
          <label>{t('incentives.basisLabel')} <select value={form.basis} onChange={(e) => set('basis', e.target.value as Form['basis'])} data-testid="scheme-basis">
            {(['TechnologyIncome', 'TotalAmount'] as const).map((b) => <option key={b} value={b}>{t(`incentives.basis.${b}`)}</option>)}</select></label>
        </div>
        <label><input type="checkbox" checked={form.localBuyersOnly} onChange={(e) => set('localBuyersOnly', e.target.checked)} data-testid="scheme-local" /> {t('incentives.localOnly')}</label>
        <label><input type="checkbox" checked={form.firstTimeBuyersOnly} onChange={(e) => set('firstTimeBuyersOnly', e.target.checked)} /> {t('incentives.firstTime')}</label>
        {choices('fields', TECHNICAL_FIELDS, (f) => t(`field.${f}`))}
        {choices('categories', CATEGORIES, (c) => t(`incentives.category.${c}`))}
        {form.mode === 'Percentage' && text('ratePct', t('incentives.ratePct'))}
        {form.mode === 'FixedPerContract' && text('fixedAmount', t('incentives.fixedAmount'))}
        {form.mode === 'Tiered' && (
          <Field label={t('incentives.tiers')} name="tiers" errors={errors} hint={t('incentives.tiersHint')}>
            {(p) => <textarea {...p} rows={3} value={form.tiers} onChange={(e) => set('tiers', e.target.value)} data-testid="scheme-tiers" />}
          </Field>
        )}
        <div className="grid-3">
          {text('minAmount', t('incentives.minAmount'))}{text('maxAmount', t('incentives.maxAmount'))}
          {text('capPerBeneficiary', t('incentives.capPerBeneficiary'))}{text('totalCap', t('incentives.totalCap'))}
          {text('assumedSwitchSharePct', t('incentives.assumedShare'), t('incentives.assumedShareHint'))}
        </div>
        <div className="btn-group">
          <button type="submit" className="btn btn-primary" data-testid="scheme-save">{editing ? t('incentives.saveRevision') : t('incentives.create')}</button>
          {editing && <button type="button" className="btn btn-ghost" onClick={() => { setEditing(null); setForm(EMPTY); setSaved(false); }}>{t('incentives.newTitle')}</button>}
        </div>
      </form>
    </section>
  );
}
