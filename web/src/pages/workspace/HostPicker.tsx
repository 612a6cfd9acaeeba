import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisations } from '../../api/endpoints';
import type { Organisation } from '../../api/types';
import { useLang } from '../../lib/hooks';

/**
 * Chooses a centre's host among verified organisations by name (administrators register centres for any host): a
 * person types part of the name and picks from the matches instead of pasting an id.
 */
export function HostPicker({ value, currentName, onChange }: { value: string; currentName?: string | null; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Organisation[]>([]);
  useEffect(() => {
    const term = q.trim();
    if (term.length < 2) {
      setFound([]);
      return;
    }

    let live = true;
    const timer = setTimeout(() => {
      organisations.search({ Q: term, Verification: 'Verified', PageSize: 10 })
        .then((page) => { if (live) setFound(page.items); })
        .catch(() => { if (live) setFound([]); });
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [q]);
  const name = (o: Organisation) => (lang === 'en' && o.nameEn ? o.nameEn : o.nameZh);
  return (
    <fieldset data-testid="centre-host">
      <legend>{t('validation.form.hostOrganisationId')}</legend>
      {value && currentName && !found.some((o) => o.id === value) && <p className="muted small">{t('validation.form.hostCurrent', { name: currentName })}</p>}
      <label>{t('validation.form.hostSearch')} <input value={q} onChange={(e) => setQ(e.target.value)} data-testid="centre-host-search" /></label>
      {found.length > 0 && (
        <label>{t('validation.form.hostChoose')}{' '}
          <select value={found.some((o) => o.id === value) ? value : ''} onChange={(e) => onChange(e.target.value)} data-testid="centre-host-choice">
            <option value="">—</option>
            {found.map((o) => <option key={o.id} value={o.id}>{name(o)}</option>)}
          </select>
        </label>
      )}
      {q.trim().length >= 2 && found.length === 0 && <p className="muted small">{t('validation.form.hostNone')}</p>}
    </fieldset>
  );
}
