import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TECHNICAL_FIELDS } from '../../api/types';
import { CENTRE_KINDS, validation, type TechnicalField, type ValidationCentre, type ValidationCentreInput } from '../../api/validation';
import { ErrorMessage, Notice } from '../../components/ui';
import { HostPicker } from './HostPicker';

const blank: ValidationCentreInput = {
  name: '', nameEn: null, hostOrganisationId: '', kind: 'ConceptValidationCentre', services: '', equipment: '', fields: [],
  fees: '', capacity: 5, contact: '', regionCode: '210200', regionName: '大连市',
};

/** Registers a centre (administrators; no centre) or edits one (administrators and the host's members). */
export function CentreEditor({ centre, onSaved }: { centre: ValidationCentre | null; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState<ValidationCentreInput>(centre ? { ...centre } : blank);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof ValidationCentreInput>(k: K, v: ValidationCentreInput[K]) => setInput((i) => ({ ...i, [k]: v }));
  const toggleField = (f: TechnicalField) => set('fields', input.fields.includes(f) ? input.fields.filter((x) => x !== f) : [...input.fields, f]);
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      if (centre) await validation.reviseCentre(centre.id, input, centre.version); else await validation.registerCentre(input);
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  const text = (k: 'name' | 'services' | 'equipment' | 'fees' | 'contact' | 'regionCode' | 'regionName') => (
    <label key={k}>{t(`validation.form.${k}`)} <input value={input[k]} onChange={(e) => set(k, e.target.value)} data-testid={`centre-${k}`} /></label>
  );
  return (
    <div className="stack" data-testid="centre-editor">
      <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {centre ? t('validation.editCentre', { name: centre.name }) : t('validation.registerCentre')}
      </button>
      {open && (
        <div className="inline-form stack">
          {text('name')}
          <HostPicker value={input.hostOrganisationId} currentName={centre?.hostName} onChange={(id) => set('hostOrganisationId', id)} />
          <label>{t('validation.kind')}{' '}
            <select value={input.kind} onChange={(e) => set('kind', e.target.value as ValidationCentreInput['kind'])}>
              {CENTRE_KINDS.map((k) => <option key={k} value={k}>{t(`validation.kinds.${k}`)}</option>)}
            </select>
          </label>
          {text('services')}
          {text('equipment')}
          <fieldset>
            <legend>{t('validation.field')}</legend>
            {TECHNICAL_FIELDS.map((f) => (
              <label key={f} className="check"><input type="checkbox" checked={input.fields.includes(f)} onChange={() => toggleField(f)} /> {t(`field.${f}`)}</label>
            ))}
          </fieldset>
          {text('fees')}
          <label>{t('validation.form.capacity')} <input type="number" min={1} value={input.capacity} onChange={(e) => set('capacity', Number(e.target.value))} data-testid="centre-capacity" /></label>
          {text('contact')}
          {text('regionCode')}
          {text('regionName')}
          <button type="button" className="btn btn-small btn-primary" onClick={save} data-testid="centre-save">{t('common.save')}</button>
          {saved && <Notice kind="success">{t('validation.saved')}</Notice>}
          <ErrorMessage error={error} />
        </div>
      )}
    </div>
  );
}
