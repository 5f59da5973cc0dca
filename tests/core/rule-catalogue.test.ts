/**
 * The rule catalogue is the one place rules are declared: no code raises an undeclared rule,
 * and no declared rule goes untested (each is expected by id in some test: the reader, rule,
 * pipeline and corpus tests assert the rules they raise).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RULE_IDS, RULES, isRuleId } from '../../core/rule-catalogue';
import { PROJECT_ROOT } from '../../pipeline/reference';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|mts)$/.test(name) ? [path] : [];
  });
}

const QUOTED_ID = /['"`]([LVPQ]\d{2})['"`]/g;
const idsIn = (paths: string[]) => new Set(paths.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(QUOTED_ID)].map((m) => m[1])));

test('every rule named in the code is declared', () => {
  const code = ['core', 'pipeline', 'addin'].flatMap((d) => sources(join(PROJECT_ROOT, d)));
  expect([...idsIn(code)].filter((id) => !isRuleId(id))).toEqual([]);
});

test('every declared rule is expected by some test', () => {
  const self = relative(PROJECT_ROOT, new URL(import.meta.url).pathname);
  const tests = sources(join(PROJECT_ROOT, 'tests')).filter((p) => relative(PROJECT_ROOT, p) !== self);
  const tested = idsIn(tests);
  expect(RULE_IDS.filter((id) => !tested.has(id))).toEqual([]);
});

test('every rule says what it checks and how to fix it, Vietnamese and English', () => {
  for (const id of RULE_IDS) {
    const { title, fix } = RULES[id];
    for (const text of [title.vi, title.en, fix.vi, fix.en]) expect([id, text.length > 0, text === text.normalize('NFC')]).toEqual([id, true, true]);
  }
});
