import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { intermediaries } from '../../api/endpoints';
import { ApiError } from '../../api/problem';
import type { components } from '../../api/schema';
import { ErrorMessage, Field, Notice } from '../../components/ui';
import { useAsync } from '../../lib/hooks';
import { INTERMEDIARY_SERVICES } from '../../api/types';

type Service = components['schemas']['IntermediaryServices'];

/** An intermediary's members say what it offers; the public directory lists it once the organisation is verified. */
export function IntermediaryServicesForm({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  // 404 means nothing registered yet: the form starts empty.
  const current = useAsync((s) => intermediaries.get(organisationId, s).catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))), [organisationId]);
  const [services, setServices] = useState<Service[]>([]);
  const [description, setDescription] = useState('');
  const [version, setVersion] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setServices(current.data.services);
    setDescription(current.data.description);
    setVersion(Number(current.data.version));
  }, [current.data]);

  const toggle = (s: Service) => setServices((all) => (all.includes(s) ? all.filter((x) => x !== s) : [...all, s]));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null); setSaved(false);
    try {
      const view = await intermediaries.save(organisationId, { services, description, version });
      setVersion(Number(view.version));
      setSaved(true);
    } catch (x) { setError(x); }
  };
  const fe = error instanceof ApiError ? error.fieldErrors : undefined;
  return (
    <form className="form card" onSubmit={(e) => void submit(e)} aria-labelledby="services-title" data-testid="intermediary-services-form">
      <h2 id="services-title">{t('directory.ourServices')}</h2>
      <p className="muted">{t('directory.ourServicesLead')}</p>
      {saved && <Notice kind="success">{t('workspace.saved')}</Notice>}
      <ErrorMessage error={current.error} onRetry={current.reload} />
      <fieldset className={fe?.services ? 'field-invalid' : undefined}>
        <legend>{t('directory.service')}</legend>
        {INTERMEDIARY_SERVICES.map((s) => (
          <label key={s} className="check"><input type="checkbox" checked={services.includes(s)} onChange={() => toggle(s)} data-testid={`service-${s}`} /> {t(`directory.services.${s}`)}</label>
        ))}
        {fe?.services && <small className="field-error" data-testid="field-error-services">{fe.services.join(' ')}</small>}
      </fieldset>
      <Field label={t('directory.description')} name="description" errors={fe}>
        {(p) => <textarea {...p} rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />}
      </Field>
      <ErrorMessage error={error} />
      <button type="submit" className="btn btn-primary" data-testid="intermediary-services-save">{t('common.save')}</button>
    </form>
  );
}
