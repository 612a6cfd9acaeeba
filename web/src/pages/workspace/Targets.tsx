import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { Badge, ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { fittingScale, formatAmount, formatNumber, formatPercent, formatScaledWithUnit, intlLocale, type Lang } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { MyEntitlements } from './MyEntitlements';

type S = components['schemas'];
const pct = (v: number | null | undefined, lang: Lang) => (v == null ? '—' : formatPercent(v / 100, lang, 1));
const inst = (i: S['InstitutionRef'], lang: Lang) => (lang === 'en' && i.nameEn ? i.nameEn : i.nameZh);
/**
 * An amount read at a glance: Chinese already reads in 万元 / 亿元; English, which would print every yuan, reads in ¥ m / ¥ bn
 * (targets, progress and a scheme's cost on the dashboard; the simulation itself keeps the fen).
 */
export const big = (yuan: number, lang: Lang) => (lang === 'en' ? formatScaledWithUnit(yuan, fittingScale(yuan, lang), lang) : formatAmount(yuan, lang));
/** The month's short name in the language ("Jan"); Chinese labels say the number. */
const monthName = (month: number, lang: Lang) => new Intl.DateTimeFormat(intlLocale(lang), { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month - 1, 1)));
/** On track: the run-rate forecast reaches the target's local contracts (the dashboard counts these). */
export const onTrack = (s: S['TargetSummary']) => !!s.forecast && s.forecast.localContracts >= s.target.localContracts;

/**
 * Institution targets (docs/programmes.md): the year's targets with the year to date and the run-rate forecast; one institution's
 * progress month by month against its target and the paper's 2023 baseline. The bureau sets targets; members read their own.
 */
export function TargetsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { hasRole } = useAuth();
  const bureau = hasRole('BureauAnalyst', 'Administrator');
  const [year, setYear] = useState(new Date().getFullYear());
  const [chosen, setChosen] = useState<string | null>(null);
  const list = useAsync((signal) => data(http.GET('/api/institution-targets', { params: { query: { year } }, signal })), [year]);
  const shown = chosen ?? (list.data?.length === 1 ? list.data[0].institution.id : null);

  return (
    <section className="page wide" aria-labelledby="targets-title" data-testid="targets-page">
      <header className="page-header row">
        <div><h1 id="targets-title">{t('targets.title')}</h1><p className="muted">{t('targets.intro')}</p></div>
        <label>{t('targets.year')} <input type="number" value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="targets-year" /></label>
      </header>
      <ErrorMessage error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 && <p className="muted" data-testid="targets-none">{t('targets.none')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-scroll">
          <table className="table" data-testid="targets-table">
            <thead><tr>
              <th scope="col">{t('targets.institution')}</th><th scope="col" className="num">{t('targets.localContracts')}</th>
              <th scope="col" className="num">{t('targets.localAmount')}</th><th scope="col" className="num">{t('targets.localRate')}</th>
              <th scope="col" className="num">{t('targets.forecastContracts')}</th><th scope="col">{t('targets.status')}</th><th scope="col" />
            </tr></thead>
            <tbody>{list.data.map((s) => (
              <tr key={s.institution.id} data-testid="target-row">
                <th scope="row">{inst(s.institution, lang)}</th>
                <td className="num">{formatNumber(s.actual.localContracts, lang)} / {formatNumber(s.target.localContracts, lang)}</td>
                <td className="num">{big(s.actual.localAmount, lang)} / {big(s.target.localAmount, lang)}</td>
                <td className="num">{pct(s.actual.countRatePct, lang)} / {pct(s.target.localRatePct, lang)}</td>
                <td className="num">{s.forecast ? formatNumber(s.forecast.localContracts, lang, 0) : '—'}</td>
                <td data-testid="target-status">{s.forecast ? <Badge tone={onTrack(s) ? 'good' : 'warn'}>{t(onTrack(s) ? 'targets.onTrack' : 'targets.behind')}</Badge> : '—'}</td>
                <td><button type="button" className="btn btn-small" onClick={() => setChosen(s.institution.id)} data-testid="target-progress-open">{t('targets.progress')}</button></td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {shown && <TargetProgress institution={shown} year={year} />}
      {!bureau && <MyEntitlements />}
      {bureau && <SetTarget year={year} onSaved={list.reload} />}
    </section>
  );
}

/** "12 · 3,046万元 · 45.0%": local contracts, local amount and local rate of one set of figures. */
function Figures({ contracts, amount, rate }: { contracts: number; amount: number; rate: number }) {
  const lang = useLang();
  return <>{formatNumber(contracts, lang, 0)} · {big(amount, lang)} · {pct(rate, lang)}</>;
}

/** A figure's share of its target, "" when there is no target (or a zero one) to compare it with. */
const ofTarget = (value: number, target: number | undefined, lang: Lang) => (target ? formatPercent(value / target, lang, 0) : '');

/**
 * One institution's months: cumulative local contracts, amount and rate, this year against the baseline year and the target
 * (each cumulative figure's share of the year's target), with the run-rate forecast to year end.
 */
export function TargetProgress({ institution, year }: { institution: string; year: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const res = useAsync((signal) => data(http.GET('/api/institution-targets/{institutionId}/{year}/progress', { params: { path: { institutionId: institution, year } }, signal })), [institution, year]);
  const p = res.data;
  const share = (value: number, target: number | undefined) => {
    const s = ofTarget(value, target, lang);
    return s && <span className="muted small" data-testid="progress-of-target"> · {t('targets.ofTarget', { pct: s })}</span>;
  };
  return (
    <section className="card" aria-labelledby="progress-title" data-testid="target-progress">
      <ErrorMessage error={res.error} onRetry={res.reload} />
      {p && <>
        <h2 id="progress-title">{t('targets.progressTitle', { name: inst(p.institution, lang), year: p.year, baseline: p.baselineYear })}</h2>
        <dl className="summary">
          <div><dt>{t('targets.target')}</dt><dd data-testid="progress-target">{p.target
            ? <Figures contracts={p.target.localContracts} amount={p.target.localAmount} rate={p.target.localRatePct} /> : t('targets.noTarget')}</dd></div>
          <div><dt>{t('targets.ytd')}</dt><dd data-testid="progress-actual"><Figures contracts={p.actual.localContracts} amount={p.actual.localAmount} rate={p.actual.countRatePct} /></dd></div>
          <div><dt>{t('targets.forecast')}</dt><dd data-testid="progress-forecast">{p.forecast
            ? <Figures contracts={p.forecast.localContracts} amount={p.forecast.localAmount} rate={p.forecast.countRatePct} /> : '—'}</dd></div>
          <div><dt>{t('targets.baseline', { year: p.baselineYear })}</dt><dd><Figures contracts={p.baseline.localContracts} amount={p.baseline.localAmount} rate={p.baseline.countRatePct} /></dd></div>
        </dl>
        <p className="muted small">{t('targets.forecastHint')} {t('targets.legend')}</p>
        <div className="table-scroll">
          <table className="table" data-testid="progress-months">
            <thead><tr><th scope="col">{t('targets.month')}</th><th scope="col" className="num">{t('targets.localContracts')}</th>
              <th scope="col" className="num">{t('targets.baselineContracts')}</th><th scope="col" className="num">{t('targets.localAmount')}</th>
              <th scope="col" className="num">{t('targets.baselineAmount')}</th><th scope="col" className="num">{t('targets.localRate')}</th>
              <th scope="col" className="num">{t('targets.baselineRate')}</th></tr></thead>
            <tbody>{p.months.map((m) => (
              <tr key={m.month}>
                <th scope="row" className="progress-month">{t('targets.monthName', { month: m.month, name: monthName(m.month, lang) })}</th>
                <td className="num">{m.actual ? <>{formatNumber(m.actual.localContracts, lang)}{share(m.actual.localContracts, p.target?.localContracts)}</> : '—'}</td>
                <td className="num">{formatNumber(m.baseline.localContracts, lang)}</td>
                <td className="num">{m.actual ? <>{big(m.actual.localAmount, lang)}{share(m.actual.localAmount, p.target?.localAmount)}</> : '—'}</td>
                <td className="num">{big(m.baseline.localAmount, lang)}</td>
                <td className="num">{m.actual ? pct(m.actual.countRatePct, lang) : '—'}</td>
                <td className="num">{pct(m.baseline.countRatePct, lang)}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      </>}
      {res.loading && !p ? <Loading /> : null}
    </section>
  );
}

/** The bureau sets an institution's targets for the year (a change sends the version it read). */
function SetTarget({ year, onSaved }: { year: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const institutions = useAsync((signal) => data(http.GET('/api/organisations', { params: { query: { Kind: 'Institution', PageSize: 100 } }, signal })), []);
  const [form, setForm] = useState({ institution: '', localContracts: '', localAmount: '', localRatePct: '' });
  const [errors, setErrors] = useState<Record<string, string[]>>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(undefined); setErrors(undefined); setSaved(false);
    const path = { institutionId: form.institution, year };
    try {
      const current = await data(http.GET('/api/institution-targets/{institutionId}/{year}/progress', { params: { path } }));
      await data(http.PUT('/api/institution-targets/{institutionId}/{year}', { params: { path }, body: {
        localContracts: Number(form.localContracts), localAmount: Number(form.localAmount), localRatePct: Number(form.localRatePct), version: current.target?.version ?? null,
      } }));
      setSaved(true); onSaved();
    } catch (x) {
      setError(x);
      if (x instanceof ApiError && x.problem.errors) setErrors(Object.fromEntries(Object.entries(x.problem.errors as Record<string, string[]>).map(([k, v]) => [k.toLowerCase(), v])));
    }
  };
  const input = (k: 'localContracts' | 'localAmount' | 'localRatePct') => (
    <Field label={t(`targets.${k === 'localRatePct' ? 'localRate' : k}`)} name={k.toLowerCase()} errors={errors}>
      {(p) => <input {...p} type="number" step="any" value={form[k]} onChange={(e) => setForm((f) => ({ ...f, [k]: e.target.value }))} data-testid={`target-${k}`} />}
    </Field>
  );
  return (
    <form className="card form" onSubmit={save} aria-labelledby="set-target-title" data-testid="target-form">
      <h2 id="set-target-title">{t('targets.setTitle', { year })}</h2>
      {saved && <Notice kind="success" testId="target-saved">{t('targets.saved')}</Notice>}
      <ErrorMessage error={error ?? institutions.error} />
      <label>{t('targets.institution')} <select required value={form.institution} onChange={(e) => setForm((f) => ({ ...f, institution: e.target.value }))} data-testid="target-institution">
        <option value="" />
        {(institutions.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{lang === 'en' && o.nameEn ? o.nameEn : o.nameZh}</option>)}
      </select></label>
      <div className="grid-3">{input('localContracts')}{input('localAmount')}{input('localRatePct')}</div>
      <button type="submit" className="btn btn-primary" data-testid="target-save">{t('targets.save')}</button>
    </form>
  );
}
