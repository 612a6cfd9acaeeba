import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { contracts } from '../../api/endpoints';
import { ErrorMessage, Loading, Notice } from '../../components/ui';
import { useAsync, useLang } from '../../lib/hooks';

/**
 * `/workspace/contract-records/:id/registration-form`: the technology-contract registration form pre-filled from
 * the contract, its parties and the deal's achievement; what the parties still have to add is listed first. Printed
 * by the server as a PDF (the registry's layout, missing fields marked) or an XLSX to complete and file; the page
 * itself prints too.
 */
export function RegistrationFormPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const lang = useLang();
  const form = useAsync((signal) => contracts.registrationForm(id, signal), [id]);
  const [error, setError] = useState<unknown>(null);
  const f = form.data;
  const labelOf = (key: string) => f?.lines.find((l) => l.key === key)?.label ?? key;
  return (
    <section className="page registration-form" aria-labelledby="registration-form-title" data-testid="registration-form-page">
      <p className="breadcrumb no-print"><Link to={`/workspace/contract-records/${id}`}>{t('registrationForm.back')}</Link></p>
      <h1 id="registration-form-title">{t('registrationForm.title')}</h1>
      <ErrorMessage error={form.error ?? error} onRetry={form.reload} />
      {!f ? (form.loading ? <Loading /> : null) : (
        <>
          {f.missing.length > 0
            ? <Notice kind="warning" testId="registration-form-missing">{t('registrationForm.missing')} {f.missing.map(labelOf).join('、')}</Notice>
            : <Notice kind="success" testId="registration-form-complete">{t('registrationForm.complete')}</Notice>}
          <div className="form-actions no-print">
            <button type="button" className="btn btn-primary" onClick={() => contracts.registrationFormFile(id, 'pdf').catch(setError)} data-testid="registration-form-pdf">{t('registrationForm.pdf')}</button>
            <button type="button" className="btn" onClick={() => contracts.registrationFormFile(id, 'xlsx').catch(setError)} data-testid="registration-form-xlsx">{t('registrationForm.xlsx')}</button>
            <button type="button" className="btn" onClick={() => window.print()} data-testid="registration-form-print">{t('registrationForm.print')}</button>
          </div>
          <table className="table form-sheet" data-testid="registration-form-table">
            <tbody>
              {f.lines.map((l) => (
                <tr key={l.key} data-key={l.key} className={f.missing.includes(l.key) ? 'missing' : ''}>
                  {/* The registry's own label; in English with a gloss, since the form is filed in Chinese. */}
                  <th scope="row">{l.label}{lang === 'en' && <small className="muted block" data-testid="registration-form-gloss">{t(`registrationForm.labels.${l.key}`, { defaultValue: '' })}</small>}</th>
                  <td>{l.value ?? <span className="muted">{
                    l.key === 'registrationNumber' ? t('registrationForm.byRegistry') : f.missing.includes(l.key) ? t('registrationForm.blank') : '—'
                  }</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
