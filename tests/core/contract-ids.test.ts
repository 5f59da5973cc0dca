/**
 * docs/FORMS.md is the project's contract: the rule ids (V…, Q…) and indicator ids (N…) it names
 * must be exactly those the code declares, so neither can drift from the other unnoticed.
 */
import { readFileSync } from 'node:fs';
import { INDICATORS } from '../../core/indicators';
import { RULE_IDS } from '../../core/rule-catalogue';

const contract = readFileSync(new URL('../../docs/FORMS.md', import.meta.url), 'utf8');
const idsIn = (text: string, letters: string): string[] =>
  [...new Set(text.match(new RegExp(`\\b[${letters}]\\d{2}\\b`, 'g')) ?? [])].sort();

describe('docs/FORMS.md and the code name the same ids', () => {
  it('validation rules V01-V15 and consolidation checks Q01-Q05', () => {
    const declared = RULE_IDS.filter((id) => /^[VQ]\d{2}$/.test(id)).sort();
    expect(idsIn(contract, 'VQ')).toEqual(declared);
  });
  it('national indicators N01-N14', () => {
    expect(idsIn(contract, 'N')).toEqual(INDICATORS.map((d) => d.id).sort());
  });
});
