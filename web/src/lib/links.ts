/**
 * Maps the links the server puts in notifications to this app's routes
 * ("/needs/{id}/matches" → "/workspace/needs/{id}/matches", "/interests/{id}" → "/workspace/interests", …).
 * Unknown links are returned as they are; links with no page here give null.
 */
export function clientLink(link: string | null | undefined): string | null {
  if (!link) return null;
  const path = link.replace(/^https?:\/\/[^/]+/, '');
  let m: RegExpMatchArray | null;
  if ((m = path.match(/^\/(needs|achievements)\/([^/?#]+)\/matches/))) return `/workspace/${m[1]}/${m[2]}/matches`;
  if ((m = path.match(/^\/(needs|achievements)\/([^/?#]+)\/?$/))) return `/${m[1]}/${m[2]}`;
  if (/^\/interests(\/|$)/.test(path)) return '/workspace/interests';
  if ((m = path.match(/^\/deals\/([^/?#]+)/))) return `/workspace/deals?deal=${m[1]}`;
  if (/^\/deals\/?$/.test(path)) return '/workspace/deals';
  if (/^\/(bureau|contracts|indicators)(\/|$)/.test(path)) return '/workspace/indicators';
  return path.startsWith('/') ? path : null;
}
