import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { managers, training } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { Me } from '../../api/types';
import { DateText, ErrorMessage, Field, Loading } from '../../components/ui';
import { formatNumber } from '../../lib/format';
import { useAsync, useLang } from '../../lib/hooks';
import { Section } from './Section';

/** A manager's training records and this year's hours (docs/programmes.md); shown once they have a manager profile. */
export function ManagerTraining({ me }: { me: Me }) {
  const { t } = useTranslation();
  const lang = useLang();
  const records = useAsync((s) => training.list(me.id, s), [me.id]);
  const profile = useAsync((s) => managers.get(me.id, s), [me.id, records.data]);
  const [form, setForm] = useState({ on: new Date().toISOString().slice(0, 10), course: '', hours: '', provider: '' });
  const [error, setError] = useState<unknown>(null);
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await training.record({ on: form.on, course: form.course, hours: Number(form.hours), provider: form.provider });
      setForm({ ...form, course: '', hours: '' });
      records.reload();
    } catch (x) { setError(x); }
  };
  const remove = async (id: string) => {
    setError(null);
    try { await training.remove(id); records.reload(); } catch (x) { setError(x); }
  };

  return (
    <Section id="account-training" title={t('filing.training')} lead={t('filing.trainingLead')}>
      {profile.data && (
        <p data-testid="training-hours">{t('filing.hoursThisYear', { hours: formatNumber(Number(profile.data.trainingHoursThisYear), lang, 1) })}
          {profile.data.certificationIssuedOn && <> · {t('filing.issuedOn')} <DateText value={profile.data.certificationIssuedOn} /></>}</p>
      )}
      <ErrorMessage error={records.error} onRetry={records.reload} />
      {records.loading && !records.data ? <Loading /> : null}
      {records.data && records.data.length > 0 && (
        <table className="table" data-testid="training-list">
          <thead><tr><th>{t('filing.trainingOn')}</th><th>{t('filing.course')}</th><th>{t('filing.hours')}</th><th>{t('filing.provider')}</th><th /></tr></thead>
          <tbody>{records.data.map((r) => (
            <tr key={r.id}><td><DateText value={r.on} /></td><td>{r.course}</td><td>{formatNumber(Number(r.hours), lang, 1)}</td><td>{r.provider}</td>
              <td><button type="button" className="btn btn-ghost" onClick={() => void remove(r.id)}>{t('filing.delete')}</button></td></tr>
          ))}</tbody>
        </table>
      )}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="training-form">
        <div className="grid-2">
          <Field label={t('filing.trainingOn')} name="on" errors={fe}>{(q) => <input {...q} type="date" value={form.on} onChange={(e) => setForm({ ...form, on: e.target.value })} />}</Field>
          <Field label={t('filing.hours')} name="hours" errors={fe}>{(q) => <input {...q} type="number" min={0.5} step={0.5} value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value })} data-testid="training-hours-input" />}</Field>
          <Field label={t('filing.course')} name="course" errors={fe}>{(q) => <input {...q} value={form.course} maxLength={200} onChange={(e) => setForm({ ...form, course: e.target.value })} data-testid="training-course" />}</Field>
          <Field label={t('filing.provider')} name="provider" errors={fe}>{(q) => <input {...q} value={form.provider} maxLength={200} onChange={(e) => setForm({ ...form, provider: e.target.value })} data-testid="training-provider" />}</Field>
        </div>
        <ErrorMessage error={error} testId="training-error" />
        <button type="submit" className="btn" data-testid="training-add">{t('filing.addTraining')}</button>
      </form>
    </Section>
  );
}
