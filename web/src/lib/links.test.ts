import { describe, expect, it } from 'vitest';
import { clientLink } from './links';

describe('clientLink', () => {
  it('maps the server’s notification links to app routes', () => {
    expect(clientLink('/needs/n1/matches')).toBe('/workspace/needs/n1/matches');
    expect(clientLink('/achievements/a1/matches')).toBe('/workspace/achievements/a1/matches');
    expect(clientLink('/interests/i1')).toBe('/workspace/interests');
    expect(clientLink('/deals/d1')).toBe('/workspace/deals?deal=d1');
    expect(clientLink('/contracts/c1')).toBe('/workspace/indicators');
    expect(clientLink('/bureau/imports/j1')).toBe('/workspace/indicators');
    expect(clientLink('/needs/n1')).toBe('/needs/n1');
    expect(clientLink('http://localhost:5080/achievements/a1')).toBe('/achievements/a1');
    expect(clientLink(null)).toBeNull();
  });
});
