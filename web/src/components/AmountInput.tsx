import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { amountInWords, implausibleAmount } from '../lib/amountWords';
import { amountToInput, parseAmountInput } from '../lib/format';
import { useLang } from '../lib/hooks';

type Props = {
  id: string; name: string; value: number | null; onChange: (yuan: number | null) => void;
  'aria-invalid'?: boolean; 'aria-describedby'?: string; testId?: string;
  /** Above this many yuan (or under 1,000) the echo warns that the unit looks wrong. */
  largest?: number;
};

/** Amount entry in the unit of the UI language (万元 in Chinese, yuan in English); the value is always yuan. */
export function AmountInput({ value, onChange, testId, largest, ...rest }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const [text, setText] = useState(() => amountToInput(value, lang));
  // Re-express the value when the language (and so the unit) changes or the value is replaced from outside.
  useEffect(() => {
    const parsed = parseAmountInput(text, lang);
    if (parsed !== value && !(Number.isNaN(parsed as number) && value === null)) setText(amountToInput(value, lang));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, lang]);
  const words = amountInWords(value, lang);
  const odd = largest ? implausibleAmount(value, largest) : null;
  return (
    <>
      <span className="input-unit">
        <input {...rest} inputMode="decimal" value={text} data-testid={testId}
          onChange={(e) => {
            setText(e.target.value);
            const v = parseAmountInput(e.target.value, lang);
            onChange(v === null || Number.isNaN(v) ? null : v);
          }} />
        <span className="unit" aria-hidden="true">{t('listing.amountUnit')}</span>
      </span>
      {/* The amount in words, so 万元 and 元 cannot be confused unseen. */}
      {words && (
        <small className={`amount-words${odd ? ' warn' : ''}`} data-testid={testId ? `${testId}-words` : undefined} data-odd={odd ?? undefined} aria-live="polite">
          {words}{odd ? ` · ${t(`publishing.amountOdd.${odd}`)}` : ''}
        </small>
      )}
    </>
  );
}
