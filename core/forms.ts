/**
 * Declarative definitions of Form 03, Form 04 and the targets sheet (docs/FORMS.md).
 * Everything else — templates, the add-in's sheets, the reader, the rules, the national
 * workbook — is driven from these tables, so a column is described exactly once.
 */

export type FormId = 'F03' | 'F04';
export type ValueKind = 'flow' | 'stock';

export interface Text {
  vi: string;
  en: string;
}

export interface ColumnDef {
  /** Column number as printed in the `(n)` row, 1-based. */
  no: number;
  group: Text;
  label: Text;
  kind: ValueKind;
  /** Filled on the provincial office's own row only ("Prov." in docs/FORMS.md). */
  provincialOnly: boolean;
}

export interface FormDef {
  id: FormId;
  sheetName: string;
  title: Text;
  columns: readonly ColumnDef[];
}

type ColumnSpec = [group: Text | null, vi: string, en: string, kind: ValueKind, provincialOnly?: boolean];

/** Builds numbered columns; a null group continues the previous one (as merged headings do). */
function columns(specs: ColumnSpec[]): ColumnDef[] {
  let group: Text = { vi: '', en: '' };
  return specs.map(([g, vi, en, kind, prov], i) => {
    if (g) group = g;
    return { no: i + 1, group, label: { vi, en }, kind, provincialOnly: prov ?? false };
  });
}

const F03_COLUMNS = columns([
  [{ vi: 'Tham mưu, phối hợp', en: 'Advice and coordination' }, 'Văn bản tham mưu cấp ủy, chính quyền', 'Documents advised to Party committees and local government', 'flow'],
  [null, 'Đơn vị ký quy chế phối hợp', 'Partner bodies with a signed coordination regulation', 'stock'],
  [null, 'Đơn vị ký hợp đồng phối hợp', 'Partner bodies with a signed implementation contract', 'stock'],
  [{ vi: 'Hội nghị, nhóm nhỏ', en: 'Conferences and small groups' }, 'Hội nghị truyền thông', 'Communication conferences', 'flow'],
  [null, 'Người tham dự hội nghị', 'Conference attendees', 'flow'],
  [null, 'Trong đó: hội nghị khách hàng', 'Of which: customer conferences', 'flow'],
  [null, 'Cuộc truyền thông nhóm nhỏ', 'Small-group sessions', 'flow'],
  [null, 'Lượt người được truyền thông nhóm nhỏ', 'People reached in small groups', 'flow'],
  [{ vi: 'Báo chí', en: 'Press' }, 'Tin, bài, phóng sự trên báo chí', 'Items in press, radio and TV', 'flow'],
  [{ vi: 'Internet, mạng xã hội', en: 'Internet and social media' }, 'Trang mạng xã hội của đơn vị', "The unit's social media pages", 'stock'],
  [null, 'Hội nghị trực tuyến, livestream', 'Online conferences and livestreams', 'flow'],
  [null, 'Lượt đăng tải, chia sẻ trên trang của đơn vị', "Posts and shares on the unit's pages", 'flow'],
  [null, 'Lượt đăng tải, chia sẻ của công chức, viên chức', 'Posts and shares by staff', 'flow'],
  [null, 'Câu hỏi, bình luận được trả lời', 'Questions and comments answered', 'flow'],
  [{ vi: 'Sản phẩm truyền thông', en: 'Communication products' }, 'Sản phẩm truyền thông phát hành', 'Communication products issued', 'flow'],
  [{ vi: 'Loa truyền thanh cơ sở', en: 'Commune loudspeakers' }, 'Lượt phát thanh trên loa truyền thanh', 'Loudspeaker broadcasts', 'flow'],
  [{ vi: 'Cổng thông tin điện tử', en: 'Web portal' }, 'Tin, bài trên Cổng thông tin điện tử', 'News items on the portal', 'flow', true],
  [null, 'Infographic, video, motion graphic', 'Infographics, videos, motion graphics', 'flow', true],
  [null, 'Giao lưu, hỏi đáp trực tuyến', 'Online Q&A sessions', 'flow', true],
  [null, 'Lượt truy cập Cổng thông tin điện tử', 'Portal visits', 'flow', true],
]);

const F04_COLUMNS = columns([
  [{ vi: 'Nhân vật thực tế, thiện nguyện', en: 'Real beneficiaries and charity' }, 'Nhân vật thực tế tham gia truyền thông', 'Real beneficiaries who spoke', 'flow'],
  [null, 'Sổ BHXH, thẻ BHYT được trao tặng', 'Insurance books and cards donated', 'flow'],
  [null, 'Cộng tác viên tuyên truyền', 'Active communication collaborators', 'stock'],
  [{ vi: 'Chỉ đạo, kiểm tra', en: 'Direction and inspection' }, 'Văn bản chỉ đạo, hướng dẫn', 'Directive and guidance documents', 'flow', true],
  [null, 'Cuộc kiểm tra, hướng dẫn', 'Inspection and guidance visits', 'flow', true],
  [null, 'Đơn vị cơ sở được kiểm tra, hướng dẫn', 'Local offices inspected or guided', 'flow', true],
  [{ vi: 'Kết quả phát triển', en: 'Development results' }, 'Người tham gia BHXH tự nguyện tăng mới', 'New voluntary social-insurance participants', 'flow'],
  [null, 'Người tham gia BHYT hộ gia đình tăng mới', 'New household health-insurance participants', 'flow'],
  [null, 'Trong đó: phát triển qua hội nghị, lễ ra quân', 'Of which: recruited at conferences and campaign launches', 'flow'],
]);

export const FORM_03: FormDef = {
  id: 'F03',
  sheetName: 'Mẫu 03',
  title: { vi: 'SỐ LIỆU CÔNG TÁC THÔNG TIN, TRUYỀN THÔNG', en: 'Communication activity figures' },
  columns: F03_COLUMNS,
};

export const FORM_04: FormDef = {
  id: 'F04',
  sheetName: 'Mẫu 04',
  title: { vi: 'SỐ LIỆU NHÂN VẬT, CHỈ ĐẠO KIỂM TRA VÀ KẾT QUẢ PHÁT TRIỂN', en: 'People, supervision and results' },
  columns: F04_COLUMNS,
};

export const FORMS: Record<FormId, FormDef> = { F03: FORM_03, F04: FORM_04 };
export const FORM_IDS: readonly FormId[] = ['F03', 'F04'];

export type TargetCode = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7';

export interface TargetDef {
  code: TargetCode;
  label: Text;
  /** Population in the denominator; null for T7, which is a count only. */
  population: Text | null;
}

export const TARGETS_SHEET = 'Mục tiêu';

export const TARGETS: readonly TargetDef[] = [
  {
    code: 'T1',
    label: { vi: 'Cán bộ làm công tác truyền thông được đào tạo, tập huấn kiến thức BHXH, BHYT và kỹ năng truyền thông', en: 'Communication staff trained in BHXH/BHYT knowledge and communication skills' },
    population: { vi: 'Cán bộ làm công tác truyền thông của BHXH tỉnh và BHXH cơ sở', en: 'Communication staff of the province and its local offices' },
  },
  {
    code: 'T2',
    label: { vi: 'Cộng tác viên, nhân viên tổ chức dịch vụ thu được tập huấn', en: 'Collaborators and collection-agent staff trained' },
    population: { vi: 'Cộng tác viên và nhân viên tổ chức dịch vụ được ủy quyền', en: 'Collaborators and staff of authorised collection agents' },
  },
  {
    code: 'T3',
    label: { vi: 'Cán bộ, đảng viên được truyền thông về 11 nội dung cải cách theo Nghị quyết 28-NQ/TW', en: 'Party cadres and members informed of the 11 reform contents of Resolution 28-NQ/TW' },
    population: { vi: 'Cán bộ, đảng viên', en: 'Party cadres and members' },
  },
  {
    code: 'T4',
    label: { vi: 'Lực lượng lao động trong độ tuổi được truyền thông chính sách BHXH', en: 'Working-age labour force reached by social-insurance communication' },
    population: { vi: 'Lực lượng lao động trong độ tuổi trên địa bàn', en: 'Working-age labour force in the province' },
  },
  {
    code: 'T5',
    label: { vi: 'Lực lượng lao động trong độ tuổi được truyền thông về BHXH tự nguyện', en: 'Working-age labour force reached on voluntary social insurance' },
    population: { vi: 'Lực lượng lao động trong độ tuổi trên địa bàn', en: 'Working-age labour force in the province' },
  },
  {
    code: 'T6',
    label: { vi: 'Xã, phường, đặc khu có ít nhất một hội nghị truyền thông trong kỳ', en: 'Communes with at least one communication conference in the period' },
    population: { vi: 'Số xã, phường, đặc khu', en: 'Communes (xã, phường, đặc khu)' },
  },
  {
    code: 'T7',
    label: { vi: 'Hội nghị với người sử dụng lao động và người lao động tại doanh nghiệp', en: 'Conferences with employers and workers at enterprises' },
    population: null,
  },
];

export const TARGET_CODES: readonly TargetCode[] = TARGETS.map((t) => t.code);

export function formOfSheetName(name: string): FormId | 'targets' | null {
  const key = normalizeSheetName(name);
  for (const id of FORM_IDS) if (normalizeSheetName(FORMS[id].sheetName) === key) return id;
  if (normalizeSheetName(TARGETS_SHEET) === key) return 'targets';
  return null;
}

/** Excel names a copied sheet `Mẫu 03 (2)`. */
const COPY_SUFFIX = /\s*\(\s*\d+\s*\)\s*$/;

/**
 * The report sheet a sheet stands for: by its official name, or as a copy of one (`Mẫu 03 (2)`),
 * which the reader weighs against the official sheet (a hidden one, different figures).
 */
export function reportSheetOf(name: string): { kind: FormId | 'targets'; official: boolean } | null {
  const official = formOfSheetName(name);
  if (official) return { kind: official, official: true };
  const copied = COPY_SUFFIX.test(name) ? formOfSheetName(name.replace(COPY_SUFFIX, '')) : null;
  return copied ? { kind: copied, official: false } : null;
}

/** Sheet names are compared Unicode-normalised (NFC), trimmed and case-blind (docs/FORMS.md). */
export function normalizeSheetName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}
