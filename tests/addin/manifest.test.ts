/**
 * manifest.xml checked offline (the online validator is unreachable here): the elements the
 * schema requires, in the order it demands, unique ids, resource references that resolve,
 * every URL a file of the build, every icon a PNG of its stated size, Vietnamese strings with
 * English overrides, the ExcelApi set the adapter needs, and the production host rewrite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { REQUIRED_EXCEL_API } from '../../addin/excel/adapter';
import { DEV_ADDIN_ID, DEV_HOST, PRODUCTION_ADDIN_ID, rewriteManifest } from '../../webpack.config.js';
import { DIST, ensureBuild } from './build';

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toTree(items: Ordered[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@')!;
    if (name === '#text' || name === '?xml' || name === '#comment') continue;
    const content = item[name] as Ordered[];
    const attrs = Object.fromEntries(Object.entries(item[':@'] ?? {}).map(([k, v]) => [k.replace(/^@_/, ''), String(v)]));
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('')
      .trim();
    nodes.push({ name, attrs, children: toTree(content), text });
  }
  return nodes;
}

function parse(xml: string): XmlNode {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@_', commentPropName: '#comment', parseTagValue: false });
  return toTree(parser.parse(xml) as Ordered[])[0];
}

const child = (n: XmlNode, name: string) => n.children.find((c) => c.name === name);
const all = (n: XmlNode): XmlNode[] => [n, ...n.children.flatMap(all)];
const names = (n: XmlNode) => n.children.map((c) => c.name);

/** Present children appear in the schema's order, and the required ones are there. */
function expectSequence(n: XmlNode, order: string[], required: string[]): void {
  const present = names(n);
  for (const r of required) expect(present).toContain(r);
  for (const p of present) expect(order).toContain(p);
  const positions = present.map((p) => order.indexOf(p));
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

const SOURCE = readFileSync(join(PROJECT_ROOT, 'manifest.xml'), 'utf8');
const PRODUCTION_HOST = 'https://bhxh.example.gov.vn/truyen-thong/';
const PRODUCTION = rewriteManifest(SOURCE, PRODUCTION_HOST);
const root = parse(SOURCE);

/** The schema's demands, checked on the source manifest and on the one built for a production host. */
describe.each([
  ['manifest.xml (development)', SOURCE],
  ['the production manifest (ADDIN_HOST)', PRODUCTION],
])('%s', (_name, xml) => {
  const root = parse(xml);
  const overrides = root.children.find((c) => c.name === 'VersionOverrides')!;
  const resources = child(overrides, 'Resources')!;

  test('is a task-pane add-in for Excel workbooks with the OfficeApp 1.1 elements in schema order', () => {
    expect(root.name).toBe('OfficeApp');
    expect(root.attrs['xsi:type']).toBe('TaskPaneApp');
    expect(root.attrs.xmlns).toBe('http://schemas.microsoft.com/office/appforoffice/1.1');
    expectSequence(
      root,
      ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'AllowSnapshot', 'VersionOverrides'],
      ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides'],
    );
    expect(child(root, 'Id')!.text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(child(root, 'Version')!.text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(child(root, 'Hosts')!.children.map((h) => h.attrs.Name)).toEqual(['Workbook']);
  });

  test('asks for ReadWriteDocument and no more, and for the ExcelApi set the adapter uses', () => {
    expect(child(root, 'Permissions')!.text).toBe('ReadWriteDocument');
    const sets = child(child(root, 'Requirements')!, 'Sets')!;
    expect(sets.children.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toEqual([['ExcelApi', REQUIRED_EXCEL_API]]);
  });

  test('speaks Vietnamese by default, with English overrides for every string', () => {
    expect(child(root, 'DefaultLocale')!.text).toBe('vi-VN');
    for (const name of ['DisplayName', 'Description']) {
      const el = child(root, name)!;
      expect(el.attrs.DefaultValue).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ]/i);
      expect(el.children.map((o) => o.attrs.Locale)).toEqual(['en-US']);
    }
    const strings = [...child(resources, 'bt:ShortStrings')!.children, ...child(resources, 'bt:LongStrings')!.children];
    expect(strings.length).toBeGreaterThan(0);
    for (const s of strings) {
      expect(s.attrs.DefaultValue.length).toBeGreaterThan(0);
      expect(s.children.map((o) => [o.name, o.attrs.Locale])).toEqual([['bt:Override', 'en-US']]);
    }
    for (const s of child(resources, 'bt:ShortStrings')!.children) expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(125);
    for (const s of child(resources, 'bt:LongStrings')!.children) expect(s.attrs.DefaultValue.length).toBeLessThanOrEqual(250);
  });

  test('puts a button on the Home tab that opens the task pane, elements in schema order', () => {
    expect(overrides.attrs['xsi:type']).toBe('VersionOverridesV1_0');
    const host = child(child(overrides, 'Hosts')!, 'Host')!;
    expect(host.attrs['xsi:type']).toBe('Workbook');
    const desktop = child(host, 'DesktopFormFactor')!;
    expectSequence(desktop, ['GetStarted', 'FunctionFile', 'ExtensionPoint'], ['FunctionFile', 'ExtensionPoint']);
    const point = child(desktop, 'ExtensionPoint')!;
    expect(point.attrs['xsi:type']).toBe('PrimaryCommandSurface');
    const tab = child(point, 'OfficeTab')!;
    expect(tab.attrs.id).toBe('TabHome');
    const group = child(tab, 'Group')!;
    expectSequence(group, ['Label', 'Icon', 'Control'], ['Label', 'Icon', 'Control']);
    const button = child(group, 'Control')!;
    expect(button.attrs['xsi:type']).toBe('Button');
    expectSequence(button, ['Label', 'Supertip', 'Icon', 'Action'], ['Label', 'Supertip', 'Icon', 'Action']);
    const action = child(button, 'Action')!;
    expect(action.attrs['xsi:type']).toBe('ShowTaskpane');
    expectSequence(action, ['TaskpaneId', 'SourceLocation'], ['SourceLocation']);
    expectSequence(overrides, ['Description', 'Requirements', 'Hosts', 'Resources'], ['Hosts', 'Resources']);
    expectSequence(resources, ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'], ['bt:Images', 'bt:Urls', 'bt:ShortStrings']);
  });

  test('has unique ids, and every resid names a resource of the right kind', () => {
    const ids = all(root).filter((n) => n.attrs.id).map((n) => n.attrs.id);
    expect(new Set(ids).size).toBe(ids.length);
    const kinds: Record<string, string[]> = {
      image: child(resources, 'bt:Images')!.children.map((n) => n.attrs.id),
      url: child(resources, 'bt:Urls')!.children.map((n) => n.attrs.id),
      string: [...child(resources, 'bt:ShortStrings')!.children, ...child(resources, 'bt:LongStrings')!.children].map((n) => n.attrs.id),
    };
    const expectedKind = (n: XmlNode) =>
      n.name === 'bt:Image' ? 'image' : ['SourceLocation', 'FunctionFile', 'LearnMoreUrl'].includes(n.name) ? 'url' : 'string';
    const refs = all(root).filter((n) => n.attrs.resid);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(kinds[expectedKind(ref)]).toContain(ref.attrs.resid);
    // Every resource is used.
    const used = new Set(refs.map((r) => r.attrs.resid));
    for (const id of Object.values(kinds).flat()) expect(used).toContain(id);
  });
});

describe('manifest.xml', () => {
  const overrides = root.children.find((c) => c.name === 'VersionOverrides')!;
  const resources = child(overrides, 'Resources')!;

  describe('against the build', () => {
    beforeAll(() => ensureBuild(), 300_000);

    /** Every URL in the manifest, with the element that carries it. */
    const urls = all(root)
      .flatMap((n) => [n.attrs.DefaultValue, n.text].filter((v): v is string => !!v && /^https?:/.test(v)).map((url) => ({ url, node: n })));

    test('every URL is on the development host and names a file of the build', () => {
      expect(urls.length).toBeGreaterThanOrEqual(8);
      for (const { url } of urls) {
        expect(url.startsWith(DEV_HOST)).toBe(true);
        expect(existsSync(join(DIST, new URL(url).pathname))).toBe(true);
      }
    });

    test('every icon is a PNG of the size it is declared for', () => {
      const png = (url: string) => readFileSync(join(DIST, new URL(url).pathname));
      const sizeOf = (bytes: Buffer) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      const icons = [
        { url: child(root, 'IconUrl')!.attrs.DefaultValue, size: 32 },
        { url: child(root, 'HighResolutionIconUrl')!.attrs.DefaultValue, size: 64 },
        ...child(resources, 'bt:Images')!.children.map((n) => ({ url: n.attrs.DefaultValue, size: Number(/(\d+)x\1/.exec(n.attrs.id)![1]) })),
      ];
      for (const { url, size } of icons) {
        const bytes = png(url);
        expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
        expect(sizeOf(bytes)).toEqual([size, size]);
      }
      // Ribbon images referenced by size match their resource.
      for (const img of all(root).filter((n) => n.name === 'bt:Image' && n.attrs.resid)) {
        expect(img.attrs.resid).toBe(`Icon.${img.attrs.size}x${img.attrs.size}`);
      }
    });

    test('the built manifest equals the source for the development host', () => {
      expect(readFileSync(join(DIST, 'manifest.xml'), 'utf8')).toBe(SOURCE);
    });
  });

  test('the production build moves every URL to ADDIN_HOST, each a file the build serves, under its own <Id>', async () => {
    const host = PRODUCTION_HOST;
    expect(PRODUCTION).not.toContain('localhost');
    const moved = all(parse(PRODUCTION)).flatMap((n) => [n.attrs.DefaultValue ?? ''].filter((v) => v.startsWith('https://')));
    expect(moved.length).toBeGreaterThanOrEqual(8);
    for (const url of moved) expect(url.startsWith(host)).toBe(true);
    expect(moved).toContain(`${host}taskpane.html`);
    await ensureBuild();
    for (const url of moved) expect(existsSync(join(DIST, url.slice(host.length)))).toBe(true);
    // Development and production are two add-ins to Office: a sideloaded copy never replaces the deployed one.
    expect(child(root, 'Id')!.text).toBe(DEV_ADDIN_ID);
    expect(child(parse(PRODUCTION), 'Id')!.text).toBe(PRODUCTION_ADDIN_ID);
    expect(PRODUCTION_ADDIN_ID).not.toBe(DEV_ADDIN_ID);
    expect(PRODUCTION_ADDIN_ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }, 300_000);
});
