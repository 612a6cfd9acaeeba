import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { data, http } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { useAuth } from '../../auth/AuthContext';
import { ErrorMessage, Field, Loading } from '../../components/ui';
import { useAsync } from '../../lib/hooks';

type CallInput = components['schemas']['CallInput'];
type Kind = CallInput['eligibleKinds'][number];

const empty = (): CallInput => ({
  title: '', problem: '', targets: [{ name: '', value: '', unit: '' }], reward: 0, regionPrefix: '2102', eligibleKinds: ['Institution'],
  deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(), criteria: [{ name: '', weight: 100 }], needIds: [], requiresConsent: false,
});

/** datetime-local wants local "YYYY-MM-DDTHH:mm". */
const toLocal = (iso: string) => { const d = new Date(iso); return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16); };

/** The bureau's and the enterprise's call editor: terms, targets, eligibility, deadline, weighted criteria and the needs covered. */
export function CallEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const [form, setForm] = useState<CallInput>(empty);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const existing = useAsync((signal) => data(http.GET('/api/calls/{id}', { params: { path: { id: id! } }, signal })), [id], !!id);
  // An enterprise covers its own needs; the bureau picks among the published ones.
  const needs = useAsync((signal) => hasRole('EnterpriseMember')
    ? data(http.GET('/api/needs/mine', { params: { query: { PageSize: 100, status: 'Published' } }, signal })).then((r) => r.items.filter((n) => n.status === 'Published'))
    : data(http.GET('/api/needs', { params: { query: { PageSize: 100 } }, signal })).then((r) => r.items), []);
  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    setVersion(c.version);
    setForm({
      title: c.title, problem: c.problem, targets: c.targets.map((x) => ({ ...x, unit: x.unit ?? '' })), reward: c.reward, regionPrefix: c.regionPrefix,
      eligibleKinds: c.eligibleKinds as Kind[], deadline: c.deadline, criteria: c.criteria, needIds: c.needs.map((n) => n.needId), requiresConsent: c.requiresConsent,
    });
  }, [existing.data]);
  const set = <K extends keyof CallInput>(key: K, value: CallInput[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body = { ...form, regionPrefix: form.regionPrefix?.trim() || null, targets: form.targets.map((x) => ({ ...x, unit: x.unit || null })) };
    try {
      const saved = id
        ? await data(http.PUT('/api/calls/{id}', { params: { path: { id } }, body: { call: body, version } }))
        : await data(http.POST('/api/calls', { body }));
      navigate(`/calls/${saved.id}`);
    } catch (err) { setError(err); } finally { setBusy(false); }
  };
  if (id && !existing.data) return <section className="page">{existing.error ? <ErrorMessage error={existing.error} /> : <Loading />}</section>;
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const sum = form.criteria.reduce((s, c) => s + (Number(c.weight) || 0), 0);
  return (
    <form className="page form" onSubmit={submit} aria-labelledby="editor-title" data-testid="call-editor">
      <h1 id="editor-title">{t('calls.editorTitle')}</h1>
      <Field label={t('calls.titleField')} name="title" errors={fe}>{(p) => <input {...p} value={form.title} onChange={(e) => set('title', e.target.value)} data-testid="call-title-input" />}</Field>
      <Field label={t('calls.problem')} name="problem" errors={fe}>{(p) => <textarea {...p} rows={4} value={form.problem} onChange={(e) => set('problem', e.target.value)} data-testid="call-problem" />}</Field>
      <fieldset data-testid="call-targets-editor">
        <legend>{t('calls.targets')}</legend>
        {form.targets.map((x, i) => (
          <div key={i} className="row">
            <input aria-label={t('calls.targetName')} placeholder={t('calls.targetName')} value={x.name} onChange={(e) => set('targets', form.targets.map((y, j) => (j === i ? { ...y, name: e.target.value } : y)))} data-testid={`target-name-${i}`} />
            <input aria-label={t('calls.targetValue')} placeholder={t('calls.targetValue')} value={x.value} onChange={(e) => set('targets', form.targets.map((y, j) => (j === i ? { ...y, value: e.target.value } : y)))} data-testid={`target-value-${i}`} />
            <input aria-label={t('calls.targetUnit')} placeholder={t('calls.targetUnit')} value={x.unit ?? ''} onChange={(e) => set('targets', form.targets.map((y, j) => (j === i ? { ...y, unit: e.target.value } : y)))} />
            {form.targets.length > 1 && <button type="button" className="btn btn-small btn-ghost" onClick={() => set('targets', form.targets.filter((_, j) => j !== i))}>{t('calls.remove')}</button>}
          </div>
        ))}
        <button type="button" className="btn btn-small" onClick={() => set('targets', [...form.targets, { name: '', value: '', unit: '' }])}>{t('calls.addTarget')}</button>
      </fieldset>
      <Field label={t('calls.reward')} name="reward" errors={fe}>{(p) => <input {...p} type="number" min={1} value={form.reward || ''} onChange={(e) => set('reward', Number(e.target.value))} data-testid="call-reward" />}</Field>
      <Field label={t('calls.region')} name="regionPrefix" errors={fe}>{(p) => <input {...p} value={form.regionPrefix ?? ''} onChange={(e) => set('regionPrefix', e.target.value)} data-testid="call-region" />}</Field>
      <fieldset>
        <legend>{t('calls.kinds')}</legend>
        {(['Institution', 'Enterprise'] as Kind[]).map((k) => (
          <label key={k} className="check">
            <input type="checkbox" checked={form.eligibleKinds.includes(k)} onChange={(e) => set('eligibleKinds', e.target.checked ? [...form.eligibleKinds, k] : form.eligibleKinds.filter((x) => x !== k))} />
            {t(`orgKind.${k}`)}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={!!form.requiresConsent} onChange={(e) => set('requiresConsent', e.target.checked)} data-testid="call-requires-consent" />
        {t('callConsent.requiresField')}
      </label>
      <Field label={t('calls.deadline')} name="deadline" errors={fe}>{(p) => <input {...p} type="datetime-local" value={toLocal(form.deadline)} onChange={(e) => e.target.value && set('deadline', new Date(e.target.value).toISOString())} data-testid="call-deadline-input" />}</Field>
      <fieldset data-testid="call-criteria-editor">
        <legend>{t('calls.criteria')}</legend>
        {form.criteria.map((c, i) => (
          <div key={i} className="row">
            <input aria-label={t('calls.criterionName')} placeholder={t('calls.criterionName')} value={c.name} onChange={(e) => set('criteria', form.criteria.map((y, j) => (j === i ? { ...y, name: e.target.value } : y)))} data-testid={`criterion-name-${i}`} />
            <input aria-label={t('calls.weight')} type="number" min={1} max={100} value={c.weight} onChange={(e) => set('criteria', form.criteria.map((y, j) => (j === i ? { ...y, weight: Number(e.target.value) } : y)))} data-testid={`criterion-weight-${i}`} />
            {form.criteria.length > 1 && <button type="button" className="btn btn-small btn-ghost" onClick={() => set('criteria', form.criteria.filter((_, j) => j !== i))}>{t('calls.remove')}</button>}
          </div>
        ))}
        <p className={sum === 100 ? 'muted' : 'field-error'} data-testid="criteria-sum">{t('calls.weightsSum', { sum })}</p>
        <button type="button" className="btn btn-small" onClick={() => set('criteria', [...form.criteria, { name: '', weight: 0 }])} data-testid="criterion-add">{t('calls.addCriterion')}</button>
        {fe?.criteria && <p className="field-error">{fe.criteria.join(' ')}</p>}
      </fieldset>
      <fieldset data-testid="call-needs-editor">
        <legend>{t('calls.chooseNeeds')}</legend>
        {(needs.data ?? []).map((n) => (
          <label key={n.id} className="check">
            <input type="checkbox" checked={form.needIds.includes(n.id)} onChange={(e) => set('needIds', e.target.checked ? [...form.needIds, n.id] : form.needIds.filter((x) => x !== n.id))} data-testid="call-need-option" />
            {n.title}
          </label>
        ))}
        {fe?.needIds && <p className="field-error">{fe.needIds.join(' ')}</p>}
      </fieldset>
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary" disabled={busy} data-testid="call-save">{t('calls.save')}</button>
    </form>
  );
}
