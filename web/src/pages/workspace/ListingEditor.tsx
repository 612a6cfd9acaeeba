import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { listings, type ListingKind } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import {
  COOPERATION_MODES, IP_STATUSES, IP_TYPES, TECHNICAL_FIELDS, TRANSFER_MODES, VISIBILITIES,
  type Achievement, type AchievementInput, type Need, type NeedInput, type QualityWarning,
} from '../../api/types';
import { AmountInput } from '../../components/AmountInput';
import { QualityWarnings, StatusBadge } from '../../components/listing';
import { ErrorMessage, Field, Loading, Notice } from '../../components/ui';
import { ModerationNotice } from '../admin/Unpublish';
import { LARGEST_PLAUSIBLE_BUDGET, LARGEST_PLAUSIBLE_PRICE } from '../../lib/amountWords';
import { achievementGaps, achievementWarnings, needGaps, needWarnings } from '../../lib/quality';
import { DismissalFeedbackPanel } from './DismissalFeedback';
import { PublishConfirm, PublishGaps, ReadyProposals } from './PublishGate';

export function emptyAchievement(): AchievementInput {
  return {
    title: '', summary: '', problemSolved: '', advantages: '', keywords: [], field: 'AdvancedManufacturing', trl: null,
    ipType: 'InventionPatent', ipStatus: 'Granted', ipNumber: '', transferModes: ['Licence'], trialPeriodMonths: null,
    priceMin: null, priceMax: null, visibility: 'Public', language: null,
  };
}
export function emptyNeed(): NeedInput {
  return {
    title: '', background: '', indicators: [], scenario: '', budgetMin: null, budgetMax: null, cooperationMode: 'Open',
    deadline: null, field: 'AdvancedManufacturing', requiredTrl: null, visibility: 'Public', language: null,
  };
}
export function achievementToInput(a: Achievement): AchievementInput {
  return {
    title: a.title, summary: a.summary, problemSolved: a.problemSolved, advantages: a.advantages, keywords: a.keywords,
    field: a.field, trl: a.trl, ipType: a.ipType, ipStatus: a.ipStatus, ipNumber: a.ipNumber ?? '', transferModes: a.transferModes,
    trialPeriodMonths: a.trialPeriodMonths, priceMin: a.priceMin, priceMax: a.priceMax, visibility: a.visibility, language: a.language,
  };
}
export function needToInput(n: Need): NeedInput {
  return {
    title: n.title, background: n.background, indicators: n.indicators, scenario: n.scenario, budgetMin: n.budgetMin,
    budgetMax: n.budgetMax, cooperationMode: n.cooperationMode, deadline: n.deadline, field: n.field, requiredTrl: n.requiredTrl,
    visibility: n.visibility, language: n.language,
  };
}

export function splitKeywords(text: string): string[] {
  return text.split(/[,，、;；\n]/).map((k) => k.trim()).filter(Boolean);
}

type Input = AchievementInput | NeedInput;
type Record_ = Achievement | Need;

/** Create / edit / publish / archive one achievement or need. */
export function ListingEditor({ kind }: { kind: ListingKind }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isA = kind === 'achievements';
  const [record, setRecord] = useState<Record_ | null>(null);
  const [input, setInput] = useState<Input>(() => (isA ? emptyAchievement() : emptyNeed()));
  const [keywordsText, setKeywordsText] = useState('');
  const [loading, setLoading] = useState(!!id);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [serverWarnings, setServerWarnings] = useState<QualityWarning[] | null>(null);
  const [dirty, setDirty] = useState(false);
  // The warnings the author is asked to confirm before publishing; the proposals ready after it.
  const [confirming, setConfirming] = useState<QualityWarning[] | null>(null);
  const [ready, setReady] = useState<{ strong: number; all: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (recordId: string) => {
    setLoading(true);
    try {
      const r = await listings.get(kind, recordId);
      setRecord(r);
      const inp = isA ? achievementToInput(r as Achievement) : needToInput(r as Need);
      setInput(inp);
      setKeywordsText(((inp as AchievementInput).keywords ?? []).join('，'));
      setDirty(false);
      setLoadError(null);
    } catch (e) {
      setLoadError(e);
    } finally {
      setLoading(false);
    }
  };
  // The editor stays mounted from /new to /:id/edit after the first save: only load a record we do not hold.
  const heldId = useRef<string | null>(null);
  useEffect(() => {
    if (id && id !== heldId.current) { heldId.current = id; void load(id); }
    /* eslint-disable-next-line react-hooks/exhaustive-deps */
  }, [kind, id]);

  const liveWarnings = useMemo(() => (isA ? achievementWarnings(input as AchievementInput) : needWarnings(input as NeedInput)), [input, isA]);
  const liveGaps = useMemo(() => (isA ? achievementGaps(input as AchievementInput) : needGaps(input as NeedInput)), [input, isA]);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : undefined;
  const set = <K extends string>(key: K, value: unknown) => { setInput((x) => ({ ...x, [key]: value })); setDirty(true); setConfirming(null); };
  const a = input as AchievementInput;
  const n = input as NeedInput;

  const prepared = (): Input => {
    if (isA) {
      return { ...a, keywords: splitKeywords(keywordsText), ipNumber: a.ipNumber?.trim() || null };
    }
    return { ...n, deadline: n.deadline || null, indicators: (n.indicators ?? []).map((x) => ({ ...x, unit: x.unit?.trim() || null })) };
  };

  /** Saves; returns the fresh record (re-read, so its version is current). */
  const save = async (): Promise<Record_> => {
    const body = prepared();
    if (!record) {
      const created = await listings.create(kind, body as never);
      heldId.current = created.id;
      setRecord(created);
      navigate(`/workspace/${kind}/${created.id}/edit`, { replace: true });
      return created;
    }
    await listings.revise(kind, record.id, body as never, Number(record.version));
    return listings.get(kind, record.id);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.isStale && record) await load(record.id);
    } finally {
      setBusy(false);
    }
  };

  const onSave = (e?: FormEvent) => {
    e?.preventDefault();
    return run(async () => {
      const r = await save();
      setRecord(r);
      setDirty(false);
      setNotice(t('workspace.saved'));
    });
  };
  /**
   * Publishes. With warnings and no gap the author confirms first; with a gap the server's 400 names the fields
   * (the record is saved as a draft either way, so nothing typed is lost).
   */
  const onPublish = (confirmed: boolean) => run(async () => {
    if (!confirmed && liveGaps.length === 0 && liveWarnings.length > 0) {
      setConfirming(liveWarnings);
      return;
    }
    setConfirming(null);
    let r = record;
    if (!r || dirty) {
      // Saved as a draft first, so a refused publish loses nothing and the form is no longer "unsaved".
      r = await save();
      setRecord(r);
      setDirty(false);
    }
    const result = await listings.publish(kind, r!.id, Number(r!.version));
    setServerWarnings(result.warnings);
    // The publish response may carry the version read before the save: read the record again.
    const fresh = await listings.get(kind, r!.id);
    setRecord(fresh);
    setDirty(false);
    setNotice(t('workspace.published'));
    // Proposals are stored right after the commit, before the answer: count them for the author.
    try {
      const found = await listings.matches(kind, r!.id, { top: 50 });
      setReady({ strong: found.filter((m) => !m.belowFloor).length, all: found.length });
    } catch {
      setReady(null);
    }
  });
  const onArchive = () => run(async () => {
    await listings.archive(kind, record!.id, Number(record!.version));
    setRecord(await listings.get(kind, record!.id));
    setNotice(t('workspace.archived'));
  });
  const onDelete = () => {
    if (!window.confirm(t('common.confirmDelete'))) return;
    void run(async () => {
      await listings.discard(kind, record!.id, Number(record!.version));
      navigate(`/workspace/${kind}`, { state: { notice: t('workspace.deleted') } });
    });
  };

  if (loading) return <div className="page"><Loading /></div>;
  if (loadError) return <div className="page"><ErrorMessage error={loadError} onRetry={() => id && load(id)} /></div>;

  const title = record ? (isA ? t('workspace.editAchievement') : t('workspace.editNeed')) : (isA ? t('workspace.newAchievement') : t('workspace.newNeed'));
  const labelFor = (f: string) => t(`listing.${f}`, { defaultValue: f });
  const status = record?.status ?? 'Draft';
  const trlOptions = [1, 2, 3, 4, 5, 6, 7, 8, 9];

  return (
    <section className="page" aria-labelledby="editor-title" data-testid="listing-editor">
      <nav className="breadcrumb"><Link to={`/workspace/${kind}`}>{isA ? t('workspace.myAchievements') : t('workspace.myNeeds')}</Link></nav>
      <header className="page-header row">
        <h1 id="editor-title">{title}</h1>
        {record && <StatusBadge status={status} />}
      </header>
      {notice && <Notice kind="success" testId="editor-notice">{notice}</Notice>}
      {record && status === 'Archived' && <ModerationNotice reason={record.moderationReason} at={record.moderatedAt} />}
      {ready && record && status === 'Published' && <ReadyProposals kind={kind} id={record.id} strong={ready.strong} all={ready.all} />}
      <ErrorMessage error={error} testId="editor-error" />
      <div className="editor-layout">
        <form className="form card" onSubmit={onSave} data-testid="listing-form" noValidate>
          <Field label={t('listing.title')} name="title" errors={fieldErrors}>
            {(p) => <input {...p} value={input.title ?? ''} onChange={(e) => set('title', e.target.value)} required maxLength={200} data-testid="input-title" />}
          </Field>
          {isA ? (
            <>
              <Field label={t('listing.summary')} name="summary" errors={fieldErrors}>
                {(p) => <textarea {...p} rows={5} value={a.summary ?? ''} onChange={(e) => set('summary', e.target.value)} data-testid="input-summary" />}
              </Field>
              <Field label={t('listing.problemSolved')} name="problemSolved" errors={fieldErrors}>
                {(p) => <textarea {...p} rows={3} value={a.problemSolved ?? ''} onChange={(e) => set('problemSolved', e.target.value)} data-testid="input-problemSolved" />}
              </Field>
              <Field label={t('listing.advantages')} name="advantages" errors={fieldErrors}>
                {(p) => <textarea {...p} rows={3} value={a.advantages ?? ''} onChange={(e) => set('advantages', e.target.value)} data-testid="input-advantages" />}
              </Field>
              <Field label={t('listing.keywords')} name="keywords" errors={fieldErrors} hint={t('listing.keywordsHint')}>
                {(p) => <input {...p} value={keywordsText} onChange={(e) => { setKeywordsText(e.target.value); set('keywords', splitKeywords(e.target.value)); }} data-testid="input-keywords" />}
              </Field>
            </>
          ) : (
            <>
              <Field label={t('listing.background')} name="background" errors={fieldErrors}>
                {(p) => <textarea {...p} rows={5} value={n.background ?? ''} onChange={(e) => set('background', e.target.value)} data-testid="input-background" />}
              </Field>
              <IndicatorsEditor value={n.indicators ?? []} onChange={(v) => set('indicators', v)} errors={fieldErrors} />
              <Field label={t('listing.scenario')} name="scenario" errors={fieldErrors}>
                {(p) => <textarea {...p} rows={2} value={n.scenario ?? ''} onChange={(e) => set('scenario', e.target.value)} data-testid="input-scenario" />}
              </Field>
            </>
          )}
          <div className="grid-2">
            <Field label={t('listing.field')} name="field" errors={fieldErrors}>
              {(p) => (
                <select {...p} value={input.field} onChange={(e) => set('field', e.target.value)} data-testid="input-field">
                  {TECHNICAL_FIELDS.map((f) => <option key={f} value={f}>{t(`field.${f}`)}</option>)}
                </select>
              )}
            </Field>
            <Field label={isA ? t('listing.trl') : t('listing.requiredTrl')} name={isA ? 'trl' : 'requiredTrl'} errors={fieldErrors}>
              {(p) => (
                <select {...p} value={(isA ? a.trl : n.requiredTrl) ?? ''} onChange={(e) => set(isA ? 'trl' : 'requiredTrl', e.target.value ? Number(e.target.value) : null)} data-testid="input-trl">
                  <option value="">—</option>
                  {trlOptions.map((x) => <option key={x} value={x}>TRL {x} · {t(`stage.${x <= 4 ? 'early' : x <= 6 ? 'middle' : 'mature'}`)}</option>)}
                </select>
              )}
            </Field>
          </div>
          {isA ? (
            <>
              <fieldset className="field" id="field-transferModes">
                <legend>{t('listing.transferModes')}</legend>
                <div className="checks">
                  {TRANSFER_MODES.map((m) => (
                    <label key={m} className="check">
                      <input type="checkbox" checked={(a.transferModes ?? []).includes(m)} data-testid={`input-mode-${m}`}
                        onChange={(e) => set('transferModes', e.target.checked ? [...(a.transferModes ?? []), m] : (a.transferModes ?? []).filter((x) => x !== m))} />
                      {t(`transferMode.${m}`)}
                    </label>
                  ))}
                </div>
                {fieldErrors?.transferModes && <small className="field-error" data-testid="field-error-transferModes">{fieldErrors.transferModes.join(' ')}</small>}
              </fieldset>
              {(a.transferModes ?? []).includes('UseBeforeTransfer') && (
                <Field label={t('listing.trialPeriodMonths')} name="trialPeriodMonths" errors={fieldErrors}>
                  {(p) => <input {...p} type="number" min={1} max={60} value={a.trialPeriodMonths ?? ''} onChange={(e) => set('trialPeriodMonths', e.target.value ? Number(e.target.value) : null)} data-testid="input-trialPeriodMonths" />}
                </Field>
              )}
              <div className="grid-2">
                <Field label={t('listing.priceMin')} name="priceMin" errors={fieldErrors}>
                  {(p) => <AmountInput {...p} value={a.priceMin ?? null} onChange={(v) => set('priceMin', v)} testId="input-priceMin" largest={LARGEST_PLAUSIBLE_PRICE} />}
                </Field>
                <Field label={t('listing.priceMax')} name="priceMax" errors={fieldErrors}>
                  {(p) => <AmountInput {...p} value={a.priceMax ?? null} onChange={(v) => set('priceMax', v)} testId="input-priceMax" largest={LARGEST_PLAUSIBLE_PRICE} />}
                </Field>
              </div>
              <div className="grid-3">
                <Field label={t('listing.ipType')} name="ipType" errors={fieldErrors}>
                  {(p) => <select {...p} value={a.ipType} onChange={(e) => set('ipType', e.target.value)} data-testid="input-ipType">{IP_TYPES.map((x) => <option key={x} value={x}>{t(`ipType.${x}`)}</option>)}</select>}
                </Field>
                <Field label={t('listing.ipStatus')} name="ipStatus" errors={fieldErrors}>
                  {(p) => <select {...p} value={a.ipStatus} onChange={(e) => set('ipStatus', e.target.value)} data-testid="input-ipStatus">{IP_STATUSES.map((x) => <option key={x} value={x}>{t(`ipStatus.${x}`)}</option>)}</select>}
                </Field>
                <Field label={t('listing.ipNumber')} name="ipNumber" errors={fieldErrors}>
                  {(p) => <input {...p} value={a.ipNumber ?? ''} onChange={(e) => set('ipNumber', e.target.value)} data-testid="input-ipNumber" />}
                </Field>
              </div>
            </>
          ) : (
            <>
              <div className="grid-2">
                <Field label={t('listing.budgetMin')} name="budgetMin" errors={fieldErrors}>
                  {(p) => <AmountInput {...p} value={n.budgetMin ?? null} onChange={(v) => set('budgetMin', v)} testId="input-budgetMin" largest={LARGEST_PLAUSIBLE_BUDGET} />}
                </Field>
                <Field label={t('listing.budgetMax')} name="budgetMax" errors={fieldErrors}>
                  {(p) => <AmountInput {...p} value={n.budgetMax ?? null} onChange={(v) => set('budgetMax', v)} testId="input-budgetMax" largest={LARGEST_PLAUSIBLE_BUDGET} />}
                </Field>
              </div>
              <div className="grid-2">
                <Field label={t('listing.cooperationMode')} name="cooperationMode" errors={fieldErrors}>
                  {(p) => <select {...p} value={n.cooperationMode} onChange={(e) => set('cooperationMode', e.target.value)} data-testid="input-cooperationMode">{COOPERATION_MODES.map((x) => <option key={x} value={x}>{t(`cooperationMode.${x}`)}</option>)}</select>}
                </Field>
                <Field label={t('listing.deadline')} name="deadline" errors={fieldErrors}>
                  {(p) => <input {...p} type="date" value={n.deadline ?? ''} onChange={(e) => set('deadline', e.target.value || null)} data-testid="input-deadline" />}
                </Field>
              </div>
            </>
          )}
          <Field label={t('listing.visibility')} name="visibility" errors={fieldErrors}>
            {(p) => <select {...p} value={input.visibility} onChange={(e) => set('visibility', e.target.value)} data-testid="input-visibility">{VISIBILITIES.map((x) => <option key={x} value={x}>{t(`visibility.${x}`)}</option>)}</select>}
          </Field>
          {dirty && record && <p className="muted small" role="status">{t('workspace.unsaved')}</p>}
          {confirming && <PublishConfirm warnings={confirming} labelFor={labelFor} busy={busy} onConfirm={() => onPublish(true)} onCancel={() => setConfirming(null)} />}
          <div className="form-actions">
            <button type="submit" className="btn" disabled={busy} data-testid="save-listing">{t('workspace.saveDraft')}</button>
            {status !== 'Published' && <button type="button" className="btn btn-primary" disabled={busy} onClick={() => onPublish(false)} data-testid="publish-listing">{status === 'Archived' ? t('moderation.republish') : t('workspace.publish')}</button>}
            {status === 'Published' && dirty && <button type="button" className="btn btn-primary" disabled={busy} onClick={onSave as () => void} data-testid="update-listing">{t('common.save')}</button>}
            {status === 'Published' && <button type="button" className="btn btn-ghost" disabled={busy} onClick={onArchive} data-testid="archive-listing">{t('workspace.archive')}</button>}
            {record && status === 'Draft' && <button type="button" className="btn btn-danger" disabled={busy} onClick={onDelete} data-testid="delete-listing">{t('common.delete')}</button>}
            {record && status === 'Published' && <Link className="btn btn-ghost" to={`/workspace/${kind}/${record.id}/matches`}>{t('workspace.matches')}</Link>}
          </div>
        </form>
        <aside className="editor-side">
          {status !== 'Published' && <PublishGaps gaps={liveGaps} labelFor={labelFor} />}
          <QualityWarnings warnings={serverWarnings ?? liveWarnings} labelFor={labelFor} />
          {record && status === 'Published' && <DismissalFeedbackPanel kind={kind} id={record.id} />}
        </aside>
      </div>
    </section>
  );
}

function IndicatorsEditor({ value, onChange, errors }: { value: NeedInput['indicators'] & object; onChange: (v: NonNullable<NeedInput['indicators']>) => void; errors?: Record<string, string[]> }) {
  const { t } = useTranslation();
  const update = (i: number, key: 'name' | 'target' | 'unit', v: string) => onChange(value.map((x, j) => (j === i ? { ...x, [key]: v } : x)));
  return (
    <fieldset className="field indicators" id="field-indicators" data-testid="indicators-editor">
      <legend>{t('listing.indicators')}</legend>
      {value.map((row, i) => (
        <div className="indicator-row" key={i} data-testid="indicator-row">
          {(['name', 'target', 'unit'] as const).map((k) => (
            <Field key={k} label={t(`listing.indicator${k[0].toUpperCase()}${k.slice(1)}`)} name={`indicators[${i}].${k}`} errors={errors}>
              {(p) => <input {...p} value={row[k] ?? ''} onChange={(e) => update(i, k, e.target.value)} data-testid={`indicator-${i}-${k}`} />}
            </Field>
          ))}
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={`${t('listing.removeIndicator')} ${i + 1}`}>{t('listing.removeIndicator')}</button>
        </div>
      ))}
      <button type="button" className="btn btn-small" onClick={() => onChange([...value, { name: '', target: '', unit: '' }])} data-testid="add-indicator">{t('listing.addIndicator')}</button>
      {errors?.indicators && <small className="field-error">{errors.indicators.join(' ')}</small>}
    </fieldset>
  );
}
