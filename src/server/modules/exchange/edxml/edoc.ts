import { vnWallClock } from '../../../../shared/calendar/vn-time.ts';
import {
  child,
  children,
  EDXML_NS,
  EDXML_NS_OLD,
  EdxmlError,
  type El,
  el,
  type ReadLimits,
  readXml,
  textOf,
  writeXml,
  XLINK_NS,
  type XmlNode,
} from './xml.ts';

/**
 * edXML document packages ("edoc") and status packets of QCVN 102:2016/BTTTT (as amended by
 * SĐ1:2022, which only changes how agency identifiers are assigned). The element tree follows the
 * public implementations listed in the domain notes (standards.md §1.2–1.3): every child of
 * edXMLEnvelope carries the explicit `edXML:` prefix (.NET receivers reject unprefixed children);
 * AttachmentEncoded sits outside the envelope in the default namespace.
 * Dates are ISO (yyyy-mm-dd) here and yyyy/MM/dd on the wire.
 */

export interface Organ {
  organId: string;
  organizationInCharge?: string;
  organName: string;
  organAdd?: string;
  email?: string;
  telephone?: string;
  fax?: string;
  website?: string;
}

/** BussinessDocType: 0 new, 1 recall (thu hồi), 2 update (cập nhật), 3 replace (thay thế). */
export const BUSINESS_TYPES = { new: 0, recall: 1, update: 2, replace: 3 } as const;
export type BusinessType = keyof typeof BUSINESS_TYPES;

export interface ResponseFor {
  organId: string;
  code: string;
  promulgationDate?: string;
  documentId: string;
}

export interface StaffInfo {
  department?: string;
  staff?: string;
  mobile?: string;
  email?: string;
}

export interface EdocAttachment {
  contentId: string;
  name: string;
  contentType: string;
  description?: string;
  data: Buffer;
}

export interface Edoc {
  from: Organ;
  to: Organ[];
  codeNumber: string;
  codeNotation: string;
  place?: string;
  promulgationDate: string;
  documentType: { type: string; typeDetail?: string; typeName: string };
  subject: string;
  content?: string;
  signer: { competence?: string; position?: string; fullName?: string };
  dueDate?: string;
  toPlaces: string[];
  otherInfo: {
    priority: number;
    sphereOfPromulgation?: string;
    typerNotation?: string;
    promulgationAmount?: number;
    pageAmount?: number;
    appendixes?: string[];
  };
  steeringType: number;
  responseFor: ResponseFor[];
  documentId: string;
  trace: {
    headers: { organId: string; timestamp: string }[];
    business: BusinessType;
    reason?: string;
    staff?: StaffInfo;
    /** replace: the documents this one replaces. */
    replacements?: { documentId: string; organIds: string[] }[];
  };
  attachments: EdocAttachment[];
}

/** DocumentId as the standard shapes it: "{senderOrganId},{yyyy/MM/dd},{số}/{ký hiệu}". */
export function edocDocumentId(organId: string, isoDate: string, number: string, notation: string) {
  return `${organId},${wireDate(isoDate)},${number}/${notation}`;
}

const P = 'edXML:';
const wireDate = (iso: string) => iso.replace(/-/g, '/');
/** yyyy/MM/dd or yyyy-MM-dd (with an optional time) → yyyy-mm-dd; anything else is refused. */
function isoDate(s: string | undefined, field: string, required = false): string | undefined {
  if (!s) {
    if (required) throw new EdxmlError('invalid', `Thiếu trường bắt buộc ${field}.`);
    return undefined;
  }
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$/.exec(s.trim());
  if (!m) throw new EdxmlError('invalid', `Trường ${field} không phải ngày hợp lệ (yyyy/MM/dd): “${s}”.`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    throw new EdxmlError('invalid', `Trường ${field} không phải ngày có thật: “${s}”.`);
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** yyyy/MM/dd HH:mm:ss in Vietnam time (UTC+7, no daylight saving). */
export function wireTimestamp(d: Date): string {
  const v = vnWallClock(d).toISOString();
  return `${v.slice(0, 10).replace(/-/g, '/')} ${v.slice(11, 19)}`;
}

function organEl(name: string, o: Organ): El {
  return el(P + name, [
    el(`${P}OrganId`, o.organId),
    el(`${P}OrganizationInCharge`, o.organizationInCharge ?? ''),
    el(`${P}OrganName`, o.organName),
    el(`${P}OrganAdd`, o.organAdd ?? ''),
    el(`${P}Email`, o.email ?? ''),
    el(`${P}Telephone`, o.telephone ?? ''),
    el(`${P}Fax`, o.fax ?? ''),
    el(`${P}Website`, o.website ?? ''),
  ]);
}

function responseForEl(r: ResponseFor): El {
  return el(`${P}ResponseFor`, [
    el(`${P}OrganId`, r.organId),
    el(`${P}Code`, r.code),
    el(`${P}PromulgationDate`, r.promulgationDate ? wireDate(r.promulgationDate) : ''),
    el(`${P}DocumentId`, r.documentId),
  ]);
}

function staffEl(s: StaffInfo | undefined): El | null {
  if (!s) return null;
  return el(`${P}StaffInfo`, [
    el(`${P}Department`, s.department ?? ''),
    el(`${P}Staff`, s.staff ?? ''),
    el(`${P}Mobile`, s.mobile ?? ''),
    el(`${P}Email`, s.email ?? ''),
  ]);
}

const rootAttrs = { xmlns: EDXML_NS, 'xmlns:edXML': EDXML_NS, 'xmlns:xlink': XLINK_NS };

export function buildEdoc(d: Edoc): string {
  const o = d.otherInfo;
  const header = el(`${P}MessageHeader`, [
    organEl('From', d.from),
    ...d.to.map((t) => organEl('To', t)),
    el(`${P}Code`, [el(`${P}CodeNumber`, d.codeNumber), el(`${P}CodeNotation`, d.codeNotation)]),
    el(`${P}PromulgationInfo`, [
      el(`${P}Place`, d.place ?? ''),
      el(`${P}PromulgationDate`, wireDate(d.promulgationDate)),
    ]),
    el(`${P}DocumentType`, [
      el(`${P}Type`, d.documentType.type),
      el(`${P}TypeDetail`, d.documentType.typeDetail ?? ''),
      el(`${P}TypeName`, d.documentType.typeName),
    ]),
    el(`${P}Subject`, d.subject),
    el(`${P}Content`, d.content ?? ''),
    el(`${P}SignerInfo`, [
      el(`${P}Competence`, d.signer.competence ?? ''),
      el(`${P}Position`, d.signer.position ?? ''),
      el(`${P}FullName`, d.signer.fullName ?? ''),
    ]),
    el(`${P}DueDate`, d.dueDate ? wireDate(d.dueDate) : ''),
    el(
      `${P}ToPlaces`,
      d.toPlaces.map((p) => el(`${P}Place`, p)),
    ),
    el(`${P}OtherInfo`, [
      el(`${P}Priority`, o.priority),
      el(`${P}SphereOfPromulgation`, o.sphereOfPromulgation ?? ''),
      el(`${P}TyperNotation`, o.typerNotation ?? ''),
      el(`${P}PromulgationAmount`, o.promulgationAmount ?? ''),
      el(`${P}PageAmount`, o.pageAmount ?? ''),
      o.appendixes?.length
        ? el(
            `${P}Appendixes`,
            o.appendixes.map((a) => el(`${P}Appendix`, a)),
          )
        : null,
    ]),
    ...d.responseFor.map(responseForEl),
    el(`${P}SteeringType`, d.steeringType),
    el(`${P}DocumentId`, d.documentId),
  ]);
  const t = d.trace;
  const trace = el(
    `${P}TraceHeaderList`,
    [
      ...t.headers.map((h) =>
        el(`${P}TraceHeader`, [el(`${P}OrganId`, h.organId), el(`${P}Timestamp`, h.timestamp)]),
      ),
      el(`${P}Bussiness`, [
        el(`${P}BussinessDocType`, BUSINESS_TYPES[t.business]),
        el(`${P}BussinessDocReason`, t.reason ?? ''),
        el(`${P}DocumentId`, d.documentId),
        staffEl(t.staff),
        t.replacements?.length
          ? el(
              `${P}ReplacementInfoList`,
              t.replacements.map((r) =>
                el(`${P}ReplacementInfo`, [
                  el(`${P}DocumentId`, r.documentId),
                  el(
                    `${P}OrganIdList`,
                    r.organIds.map((x) => el(`${P}OrganId`, x)),
                  ),
                ]),
              ),
            )
          : null,
      ]),
    ],
    {
      id: 'TraceHeaderList',
      version: '1.0',
      mustUnderstand: '1',
      actor: 'http://schemas.xmlsoap.org/soap/actor/next',
    },
  );
  const manifest = el(
    `${P}edXMLManifest`,
    d.attachments.map((a) =>
      el(
        `${P}Reference`,
        [
          el(`${P}Description`, a.description ?? ''),
          el(`${P}AttachmentName`, a.name),
          el(`${P}ContentType`, a.contentType),
          el(`${P}ContentId`, a.contentId),
        ],
        { 'xlink:href': `cid:${a.contentId}` },
      ),
    ),
    { version: '1.0' },
  );
  return writeXml(
    el(
      'edXML',
      [
        el(`${P}edXMLEnvelope`, [el(`${P}edXMLHeader`, [header, trace]), el(`${P}edXMLBody`, [manifest])]),
        el(
          'AttachmentEncoded',
          d.attachments.map((a) =>
            el('Attachment', [
              el('ContentType', a.contentType),
              el('ContentId', a.contentId),
              el('Description', a.description ?? ''),
              el('AttachmentName', a.name),
              el('ContentTransferEncoded', a.data.toString('base64')),
            ]),
          ),
        ),
      ],
      rootAttrs,
    ),
  );
}

// ---- status packets -----------------------------------------------------------------------

/** Status codes of QCVN 102 status packets (standards.md §1.3); 07–12 and 14 are not defined. */
export const STATUS_CODES = {
  '01': 'arrived',
  '02': 'refused',
  '03': 'accepted',
  '04': 'waiting_assignment',
  '05': 'assigned',
  '06': 'done',
  '13': 'recall_request',
  '15': 'recall_accepted',
  '16': 'recall_refused',
} as const;
export type StatusCode = keyof typeof STATUS_CODES;

export interface StatusPacket {
  responseFor: ResponseFor;
  from: Organ;
  statusCode: StatusCode;
  description?: string;
  timestamp: string;
  staff?: StaffInfo;
}

export function buildStatus(s: StatusPacket): string {
  return writeXml(
    el(
      'edXML',
      [
        el(`${P}edXMLEnvelope`, [
          el(`${P}edXMLHeader`, [
            el(`${P}MessageHeader`, [
              responseForEl(s.responseFor),
              organEl('From', s.from),
              el(`${P}StatusCode`, s.statusCode),
              el(`${P}Description`, s.description ?? ''),
              el(`${P}Timestamp`, s.timestamp),
              staffEl(s.staff),
            ]),
          ]),
          el(`${P}edXMLBody`, []),
        ]),
      ],
      rootAttrs,
    ),
  );
}

// ---- reading -------------------------------------------------------------------------------

export interface ParseOptions {
  maxBytes: number;
  /** Largest single decoded attachment. */
  maxAttachmentBytes?: number;
}

export type ParsedPacket = { kind: 'edoc'; edoc: Edoc } | { kind: 'status'; status: StatusPacket };

const FIELD_MAX = 4000;
function req(node: XmlNode | undefined, name: string, where: string): string {
  const v = textOf(node, name);
  if (!v) throw new EdxmlError('invalid', `Thiếu trường bắt buộc ${where}/${name}.`);
  return v;
}
function opt(node: XmlNode | undefined, name: string): string | undefined {
  const v = textOf(node, name);
  if (v && v.length > FIELD_MAX) throw new EdxmlError('invalid', `Trường ${name} quá dài.`);
  return v;
}
function intOpt(node: XmlNode | undefined, name: string): number | undefined {
  const v = textOf(node, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new EdxmlError('invalid', `Trường ${name} phải là số nguyên: “${v}”.`);
  return Number(v);
}

/** Agency identifiers as observed (NNN.NN.NN.Xnn, standards.md §1.4); letters/digits/dots otherwise. */
const ORGAN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
function organ(node: XmlNode | undefined, where: string): Organ {
  if (!node) throw new EdxmlError('invalid', `Thiếu phần ${where}.`);
  const organId = req(node, 'OrganId', where);
  if (!ORGAN_ID.test(organId))
    throw new EdxmlError('invalid', `Mã định danh cơ quan không hợp lệ ở ${where}: “${organId}”.`);
  const o: Organ = { organId, organName: opt(node, 'OrganName') ?? organId };
  const set = (k: keyof Organ, n: string) => {
    const v = opt(node, n);
    if (v) o[k] = v;
  };
  set('organizationInCharge', 'OrganizationInCharge');
  set('organAdd', 'OrganAdd');
  set('email', 'Email');
  set('telephone', 'Telephone');
  set('fax', 'Fax');
  set('website', 'Website');
  return o;
}
function staff(node: XmlNode | undefined): StaffInfo | undefined {
  if (!node) return undefined;
  const s: StaffInfo = {};
  const d = opt(node, 'Department');
  if (d) s.department = d;
  const st = opt(node, 'Staff');
  if (st) s.staff = st;
  const m = opt(node, 'Mobile');
  if (m) s.mobile = m;
  const e = opt(node, 'Email');
  if (e) s.email = e;
  return s;
}
function responseFor(node: XmlNode, where: string): ResponseFor {
  return {
    organId: req(node, 'OrganId', where),
    code: opt(node, 'Code') ?? '',
    promulgationDate: isoDate(opt(node, 'PromulgationDate'), `${where}/PromulgationDate`),
    documentId: req(node, 'DocumentId', where),
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parsePacket(input: Buffer | string, opts: ParseOptions): ParsedPacket {
  const limits: ReadLimits = {
    maxBytes: opts.maxBytes,
    maxTextLength: 200_000,
    longTextElements: ['ContentTransferEncoded'],
  };
  const root = readXml(input, limits);
  if (root.name !== 'edXML' || (root.ns !== EDXML_NS && root.ns !== EDXML_NS_OLD && root.ns !== ''))
    throw new EdxmlError('malformed', 'Không phải gói tin edXML (phần tử gốc phải là edXML).');
  const envelope = child(root, 'edXMLEnvelope');
  const header = child(child(envelope, 'edXMLHeader'), 'MessageHeader');
  if (!header) throw new EdxmlError('malformed', 'Gói tin thiếu edXMLEnvelope/edXMLHeader/MessageHeader.');
  if (child(header, 'StatusCode')) return { kind: 'status', status: parseStatusHeader(header) };
  return { kind: 'edoc', edoc: parseEdoc(root, envelope!, header, opts) };
}

function parseStatusHeader(h: XmlNode): StatusPacket {
  const code = req(h, 'StatusCode', 'MessageHeader').padStart(2, '0');
  if (!(code in STATUS_CODES)) throw new EdxmlError('invalid', `Mã trạng thái không được hỗ trợ: “${code}”.`);
  const rf = child(h, 'ResponseFor');
  if (!rf) throw new EdxmlError('invalid', 'Gói trạng thái thiếu ResponseFor.');
  const s: StatusPacket = {
    responseFor: responseFor(rf, 'ResponseFor'),
    from: organ(child(h, 'From'), 'From'),
    statusCode: code as StatusCode,
    timestamp: req(h, 'Timestamp', 'MessageHeader'),
  };
  const d = opt(h, 'Description');
  if (d) s.description = d;
  const st = staff(child(h, 'StaffInfo'));
  if (st) s.staff = st;
  return s;
}

function parseEdoc(root: XmlNode, envelope: XmlNode, h: XmlNode, opts: ParseOptions): Edoc {
  const to = children(h, 'To').map((t, i) => organ(t, `To[${i + 1}]`));
  if (to.length === 0) throw new EdxmlError('invalid', 'Gói tin không có nơi nhận (To).');
  const code = child(h, 'Code');
  const promulgation = child(h, 'PromulgationInfo');
  const type = child(h, 'DocumentType');
  const signer = child(h, 'SignerInfo');
  const other = child(h, 'OtherInfo');
  const documentId = req(h, 'DocumentId', 'MessageHeader');
  const priority = intOpt(other, 'Priority') ?? 0;
  if (priority > 4) throw new EdxmlError('invalid', `Độ khẩn (Priority) không hợp lệ: ${priority}.`);
  const subject = req(h, 'Subject', 'MessageHeader');
  const edoc: Edoc = {
    from: organ(child(h, 'From'), 'From'),
    to,
    codeNumber: req(code, 'CodeNumber', 'Code'),
    codeNotation: opt(code, 'CodeNotation') ?? '',
    place: opt(promulgation, 'Place'),
    promulgationDate: isoDate(
      textOf(promulgation, 'PromulgationDate'),
      'PromulgationInfo/PromulgationDate',
      true,
    )!,
    documentType: {
      type: opt(type, 'Type') ?? '',
      typeDetail: opt(type, 'TypeDetail'),
      typeName: opt(type, 'TypeName') ?? '',
    },
    subject,
    content: opt(h, 'Content'),
    signer: {
      competence: opt(signer, 'Competence'),
      position: opt(signer, 'Position'),
      fullName: opt(signer, 'FullName'),
    },
    dueDate: isoDate(opt(h, 'DueDate'), 'DueDate'),
    toPlaces: children(child(h, 'ToPlaces'), 'Place')
      .map((p) => p.text.trim())
      .filter(Boolean),
    otherInfo: {
      priority,
      sphereOfPromulgation: opt(other, 'SphereOfPromulgation'),
      typerNotation: opt(other, 'TyperNotation'),
      promulgationAmount: intOpt(other, 'PromulgationAmount'),
      pageAmount: intOpt(other, 'PageAmount'),
      appendixes: children(child(other, 'Appendixes'), 'Appendix')
        .map((a) => a.text.trim())
        .filter(Boolean),
    },
    steeringType: intOpt(h, 'SteeringType') ?? 1,
    responseFor: children(h, 'ResponseFor').map((r, i) => responseFor(r, `ResponseFor[${i + 1}]`)),
    documentId,
    trace: parseTrace(child(child(envelope, 'edXMLHeader'), 'TraceHeaderList'), documentId),
    attachments: parseAttachments(root, envelope, opts),
  };
  if (subject.length > FIELD_MAX) throw new EdxmlError('invalid', 'Trích yếu (Subject) quá dài.');
  return edoc;
}

function parseTrace(list: XmlNode | undefined, documentId: string): Edoc['trace'] {
  const business = child(list, 'Bussiness') ?? child(list, 'Business');
  const codeText = textOf(business, 'BussinessDocType') ?? textOf(business, 'BusinessDocType') ?? '0';
  const entry = Object.entries(BUSINESS_TYPES).find(([, v]) => String(v) === codeText);
  if (!entry)
    throw new EdxmlError('invalid', `Loại nghiệp vụ (BussinessDocType) không hợp lệ: “${codeText}”.`);
  const bizDocId = textOf(business, 'DocumentId');
  if (bizDocId && bizDocId !== documentId)
    throw new EdxmlError('invalid', 'DocumentId trong Bussiness khác DocumentId của văn bản.');
  const trace: Edoc['trace'] = {
    headers: children(list, 'TraceHeader').map((t) => ({
      organId: textOf(t, 'OrganId') ?? '',
      timestamp: textOf(t, 'Timestamp') ?? '',
    })),
    business: entry[0] as BusinessType,
  };
  const reason = opt(business, 'BussinessDocReason');
  if (reason) trace.reason = reason;
  const st = staff(child(business, 'StaffInfo'));
  if (st) trace.staff = st;
  const reps = children(child(business, 'ReplacementInfoList'), 'ReplacementInfo').map((r) => ({
    documentId: textOf(r, 'DocumentId') ?? '',
    organIds: children(child(r, 'OrganIdList'), 'OrganId').map((o) => o.text.trim()),
  }));
  if (reps.length) trace.replacements = reps;
  return trace;
}

function parseAttachments(root: XmlNode, envelope: XmlNode, opts: ParseOptions): EdocAttachment[] {
  const manifest = child(child(envelope, 'edXMLBody'), 'edXMLManifest');
  const refs = children(manifest, 'Reference');
  const encoded = children(child(root, 'AttachmentEncoded'), 'Attachment');
  const byId = new Map<string, XmlNode>();
  for (const a of encoded) {
    const id = textOf(a, 'ContentId');
    if (!id) throw new EdxmlError('invalid', 'Tệp đính kèm thiếu ContentId.');
    if (byId.has(id)) throw new EdxmlError('invalid', `Hai tệp đính kèm trùng ContentId “${id}”.`);
    byId.set(id, a);
  }
  const out: EdocAttachment[] = [];
  const seen = new Set<string>();
  for (const r of refs) {
    const href = r.attrs.href?.replace(/^cid:/, '');
    const id = textOf(r, 'ContentId') ?? href;
    if (!id) throw new EdxmlError('invalid', 'Mục trong danh mục tệp (manifest) thiếu ContentId.');
    const a = byId.get(id);
    if (!a) throw new EdxmlError('invalid', `Danh mục tệp nêu “${id}” nhưng gói tin không có tệp đó.`);
    seen.add(id);
    const b64 = (child(a, 'ContentTransferEncoded')?.text ?? '').replace(/\s+/g, '');
    if (!b64 || b64.length % 4 !== 0 || !BASE64.test(b64))
      throw new EdxmlError('invalid', `Tệp “${id}” không được mã hóa base64 hợp lệ.`);
    const data = Buffer.from(b64, 'base64');
    if (data.length === 0) throw new EdxmlError('invalid', `Tệp “${id}” rỗng.`);
    if (opts.maxAttachmentBytes && data.length > opts.maxAttachmentBytes)
      throw new EdxmlError('oversized', `Tệp “${id}” vượt quá dung lượng cho phép.`);
    const name = textOf(r, 'AttachmentName') ?? textOf(a, 'AttachmentName') ?? id;
    out.push({
      contentId: id,
      name: name.slice(0, 255),
      contentType: textOf(r, 'ContentType') ?? textOf(a, 'ContentType') ?? 'application/octet-stream',
      description: textOf(r, 'Description') ?? textOf(a, 'Description'),
      data,
    });
  }
  for (const id of byId.keys())
    if (!seen.has(id))
      throw new EdxmlError('invalid', `Tệp đính kèm “${id}” không có trong danh mục tệp (manifest).`);
  return out;
}
