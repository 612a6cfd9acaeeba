import { data, http } from '../api/client';
import type { components } from '../api/schema';
import { useAsync, useLang } from './hooks';

export type Portal = components['schemas']['PortalView'];

/** The site's operator, contact and filing numbers (footer), and the demo password in Development only. */
export function usePortal(): Portal | undefined {
  const lang = useLang();
  // The operator's name comes in the request language, so it is asked again when the language changes.
  return useAsync((signal) => data(http.GET('/api/portal', { signal })), [lang]).data;
}
