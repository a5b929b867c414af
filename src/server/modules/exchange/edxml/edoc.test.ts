import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildEdoc, buildStatus, type Edoc, edocDocumentId, parsePacket, type StatusPacket } from './edoc.ts';
import { EdxmlError } from './xml.ts';

const MAX = 5 * 1024 * 1024;
const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 7), Buffer.from('\n%%EOF')]);

function sampleEdoc(over: Partial<Edoc> = {}): Edoc {
  return {
    from: {
      organId: '000.00.14.H20',
      organizationInCharge: '000.00.00.H20',
      organName: 'Sở Thông tin và Truyền thông',
      organAdd: '12 Lê Lợi',
      email: 'stttt@example.vn',
      telephone: '0277 3851 234',
      fax: '0277 3851 235',
      website: 'https://stttt.example.vn',
    },
    to: [{ organId: '000.00.00.H41', organName: 'UBND tỉnh Nam Định & "khác" <b>' }],
    codeNumber: '15',
    codeNotation: 'QĐ-STTTT',
    place: 'Đồng Tháp',
    promulgationDate: '2026-11-20',
    documentType: { type: '2', typeDetail: 'quyet_dinh', typeName: 'Quyết định' },
    subject: 'Về việc ban hành quy chế vận hành hệ thống Liên Thông',
    content: 'Tóm tắt: quy chế gồm 5 chương.',
    signer: { competence: 'KT.', position: 'Phó Giám đốc', fullName: 'Nguyễn Văn A' },
    dueDate: '2026-12-01',
    toPlaces: ['Như Điều 3', 'Lưu: VT'],
    otherInfo: {
      priority: 1,
      sphereOfPromulgation: 'Liên thông văn bản',
      typerNotation: 'PTH',
      promulgationAmount: 10,
      pageAmount: 3,
      appendixes: ['Phụ lục I'],
    },
    steeringType: 1,
    responseFor: [
      {
        organId: '000.00.00.H41',
        code: '10/UBND-VX',
        promulgationDate: '2026-11-01',
        documentId: '000.00.00.H41,2026/11/01,10/UBND-VX',
      },
    ],
    documentId: edocDocumentId('000.00.14.H20', '2026-11-20', '15', 'QĐ-STTTT'),
    trace: {
      headers: [{ organId: '000.00.14.H20', timestamp: '2026/11/20 09:15:00' }],
      business: 'new',
      staff: { department: 'Văn thư', staff: 'Trần Thị B', mobile: '0900000000', email: 'vt@example.vn' },
    },
    attachments: [
      {
        contentId: 'f1',
        name: 'quyet-dinh.pdf',
        contentType: 'application/pdf',
        description: 'Văn bản',
        data: pdf,
      },
      { contentId: 'f2', name: 'phu-luc.txt', contentType: 'text/plain', data: Buffer.from('Phụ lục\n') },
    ],
    ...over,
  };
}

const parse = (x: string | Buffer) => parsePacket(x, { maxBytes: MAX });
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof EdxmlError) return e.reason;
    throw e;
  }
  return 'accepted';
};

describe('edXML document package', () => {
  it('round-trips every header field and the files', () => {
    const src = sampleEdoc();
    const xml = buildEdoc(src);
    const p = parse(xml);
    expect(p.kind).toBe('edoc');
    if (p.kind !== 'edoc') return;
    const { attachments, ...rest } = p.edoc;
    const { attachments: srcFiles, ...srcRest } = src;
    expect(rest).toEqual(srcRest);
    expect(attachments.map((a) => createHash('sha256').update(a.data).digest('hex'))).toEqual(
      srcFiles.map((a) => createHash('sha256').update(a.data).digest('hex')),
    );
    expect(attachments.map((a) => [a.name, a.contentType])).toEqual(
      srcFiles.map((a) => [a.name, a.contentType]),
    );
  });

  it('writes the explicit edXML: prefix on envelope children and wire date formats', () => {
    const xml = buildEdoc(sampleEdoc());
    expect(xml).toContain('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016" xmlns:edXML=');
    expect(xml).toContain('<edXML:edXMLEnvelope><edXML:edXMLHeader><edXML:MessageHeader><edXML:From>');
    expect(xml).toContain('<edXML:PromulgationDate>2026/11/20</edXML:PromulgationDate>');
    expect(xml).toContain('<edXML:DocumentId>000.00.14.H20,2026/11/20,15/QĐ-STTTT</edXML:DocumentId>');
    expect(xml).toContain('<edXML:BussinessDocType>0</edXML:BussinessDocType>');
    expect(xml).toContain('xlink:href="cid:f1"');
    expect(xml).toMatch(/<\/edXML:edXMLEnvelope><AttachmentEncoded><Attachment>/);
    expect(xml).not.toContain('<b>');
    expect(xml).not.toMatch(
      /<(?!\/|\?|edXML|AttachmentEncoded|Attachment|ContentType|ContentId|Description|AttachmentName|ContentTransferEncoded)[A-Za-z]/,
    );
  });

  it('reads packages written by others: other prefixes, whitespace in base64, dashes in dates', () => {
    const xml = buildEdoc(sampleEdoc())
      .replace(/edXML:/g, 'e:')
      .replace('xmlns:e=', 'xmlns:edXML=')
      .replace(
        'xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"',
        'xmlns:e="http://www.mic.gov.vn/TBT/QCVN_102_2016"',
      )
      .replace('<e:PromulgationDate>2026/11/20', '<e:PromulgationDate>2026-11-20')
      .replace(/(<ContentTransferEncoded>)(.{10})/, '$1$2\n  ');
    const p = parse(xml);
    expect(p.kind === 'edoc' && p.edoc.promulgationDate).toBe('2026-11-20');
    expect(p.kind === 'edoc' && p.edoc.attachments[0]!.data.equals(pdf)).toBe(true);
  });

  it('maps recall, update and replace business types', () => {
    for (const b of ['recall', 'update', 'replace'] as const) {
      const p = parse(buildEdoc(sampleEdoc({ trace: { headers: [], business: b, reason: 'Sai sót' } })));
      expect(p.kind === 'edoc' && p.edoc.trace.business).toBe(b);
      expect(p.kind === 'edoc' && p.edoc.trace.reason).toBe('Sai sót');
    }
  });
});

describe('edXML status packet', () => {
  it('round-trips each status code', () => {
    for (const code of ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const) {
      const s: StatusPacket = {
        responseFor: {
          organId: '000.00.14.H20',
          code: '15/QĐ-STTTT',
          promulgationDate: '2026-11-20',
          documentId: '000.00.14.H20,2026/11/20,15/QĐ-STTTT',
        },
        from: { organId: '000.00.00.H41', organName: 'UBND tỉnh' },
        statusCode: code,
        description: `Trạng thái ${code}`,
        timestamp: '2026/11/20 10:00:00',
        staff: { staff: 'Lê C' },
      };
      const p = parse(buildStatus(s));
      expect(p).toEqual({ kind: 'status', status: s });
    }
    expect(
      buildStatus({
        responseFor: { organId: 'A1', code: '1', documentId: 'A1,2026/01/01,1/X' },
        from: { organId: 'B1', organName: 'B' },
        statusCode: '03',
        timestamp: 't',
      }),
    ).toContain('<edXML:StatusCode>03</edXML:StatusCode>');
  });

  it('refuses an unknown status code', () => {
    const xml = buildStatus({
      responseFor: { organId: 'A1', code: '1', documentId: 'd' },
      from: { organId: 'B1', organName: 'B' },
      statusCode: '03',
      timestamp: 't',
    }).replace('<edXML:StatusCode>03', '<edXML:StatusCode>09');
    expect(reasonOf(() => parse(xml))).toBe('invalid');
  });
});

describe('edXML refusals', () => {
  const good = buildEdoc(sampleEdoc());

  it('refuses oversized input before parsing', () => {
    expect(reasonOf(() => parsePacket(good, { maxBytes: 1000 }))).toBe('oversized');
    expect(reasonOf(() => parsePacket(good, { maxBytes: MAX, maxAttachmentBytes: 100 }))).toBe('oversized');
  });

  it('refuses malformed XML and foreign roots', () => {
    expect(reasonOf(() => parse(good.slice(0, good.length - 20)))).toBe('malformed');
    expect(reasonOf(() => parse('<html><body/></html>'))).toBe('malformed');
    expect(reasonOf(() => parse(''))).toBe('malformed');
    expect(reasonOf(() => parse('not xml at all'))).toBe('malformed');
  });

  it('refuses missing fields, bad dates, broken base64 and manifest mismatches', () => {
    expect(reasonOf(() => parse(good.replace(/<edXML:Subject>[^<]*<\/edXML:Subject>/, '')))).toBe('invalid');
    expect(reasonOf(() => parse(good.replace(/<edXML:To>.*?<\/edXML:To>/, '')))).toBe('invalid');
    expect(
      reasonOf(() => parse(good.replace('2026/11/20</edXML:Promulgation', '2026/02/31</edXML:Promulgation'))),
    ).toBe('invalid');
    expect(reasonOf(() => parse(good.replace(/(<ContentTransferEncoded>)./, '$1*')))).toBe('invalid');
    expect(
      reasonOf(() =>
        parse(
          good
            .replace('<edXML:ContentId>f2</edXML:ContentId>', '<edXML:ContentId>f9</edXML:ContentId>')
            .replace('cid:f2', 'cid:f9'),
        ),
      ),
    ).toBe('invalid');
    expect(
      reasonOf(() => parse(good.replace(/<edXML:OrganId>000.00.14.H20/, '<edXML:OrganId>bad id!'))),
    ).toBe('invalid');
  });

  it('never resolves external entities nor expands entity definitions (XXE, billion laughs)', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]>${good.slice(good.indexOf('<edXML ')).replace('Về việc', '&x;')}`;
    expect(reasonOf(() => parse(xxe))).toBe('unsupported');
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><edXML>&lol3;</edXML>`;
    expect(reasonOf(() => parse(laughs))).toBe('unsupported');
    const param = `<!DOCTYPE edXML [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><edXML/>`;
    expect(reasonOf(() => parse(param))).toBe('unsupported');
    const publicId = `<!DOCTYPE edXML PUBLIC "-//X//Y" "http://127.0.0.1:1/x.dtd"><edXML/>`;
    expect(reasonOf(() => parse(publicId))).toBe('unsupported');
    // Without a DTD an entity reference is simply undefined.
    expect(reasonOf(() => parse(good.replace('Về việc', '&x;')))).toBe('malformed');
    expect(
      reasonOf(() =>
        parse(
          good.replace('<edXML:edXMLEnvelope>', '<?xml-stylesheet href="http://x"?><edXML:edXMLEnvelope>'),
        ),
      ),
    ).toBe('unsupported');
  });

  it('bounds depth, attributes and element count', () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    expect(reasonOf(() => parse(deep))).toBe('malformed');
    const hugeAttr = `<edXML x="${'a'.repeat(1_000_000)}"/>`;
    expect(reasonOf(() => parse(hugeAttr))).toBe('malformed');
    const manyAttrs = `<edXML ${Array.from({ length: 100 }, (_, i) => `a${i}="1"`).join(' ')}/>`;
    expect(reasonOf(() => parse(manyAttrs))).toBe('malformed');
    const many = `<edXML>${'<x/>'.repeat(60_000)}</edXML>`;
    expect(reasonOf(() => parse(many))).toBe('oversized');
    const longText = good.replace('Về việc', 'x'.repeat(300_000));
    expect(reasonOf(() => parse(longText))).toBe('malformed');
  });

  it('bounded fuzz: random and mutated packages never crash or hang', () => {
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const small = buildEdoc(
      sampleEdoc({
        attachments: [{ contentId: 'f', name: 'a.txt', contentType: 'text/plain', data: Buffer.from('abc') }],
      }),
    );
    const tokens = [
      '<',
      '>',
      '&',
      '<!DOCTYPE x [<!ENTITY a "b">]>',
      ']]>',
      '<![CDATA[',
      '"',
      '&#0;',
      '&#x110000;',
      '\u0000',
      '</edXML:To>',
      '<edXML:To>',
      '&amp;',
      'xmlns:a="u"',
      '\uFFFF',
    ];
    const started = Date.now();
    const outcomes = new Set<string>();
    for (let i = 0; i < 600; i++) {
      let s: string;
      if (i % 3 === 0) {
        s = Array.from({ length: Math.floor(rnd() * 400) }, () =>
          String.fromCharCode(Math.floor(rnd() * 0x3000)),
        ).join('');
      } else {
        const chars = [...small];
        const edits = 1 + Math.floor(rnd() * 5);
        for (let k = 0; k < edits; k++) {
          const at = Math.floor(rnd() * chars.length);
          const op = rnd();
          if (op < 0.3) chars.splice(at, 1 + Math.floor(rnd() * 20));
          else if (op < 0.6) chars.splice(at, 0, tokens[Math.floor(rnd() * tokens.length)]!);
          else chars[at] = String.fromCharCode(Math.floor(rnd() * 128));
        }
        s = chars.join('');
      }
      outcomes.add(reasonOf(() => parse(s)));
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(outcomes.has('malformed')).toBe(true);
    // Only known refusals or acceptance: reasonOf rethrows anything that is not an EdxmlError.
    for (const o of outcomes)
      expect(['accepted', 'malformed', 'invalid', 'unsupported', 'oversized']).toContain(o);
  });
});
