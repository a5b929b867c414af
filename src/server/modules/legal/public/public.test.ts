import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../../test/helpers/db.ts';
import { type LegalFixture, NOW, SECRET, seedLegalFixture } from './fixtures.test-helpers.ts';
import { issueLabel } from './gazette.ts';
import { checkForm, EMPTY_FORM, formUrl, readForm } from './query.ts';

describe('the search form of /cong-khai/van-ban', () => {
  const codes = new Set(['chinh_phu']);
  it('reads Vietnamese parameter names and keeps only valid filters', () => {
    const f = readForm({
      q: ' thay the ',
      loai: 'nghi_dinh',
      'co-quan': 'chinh_phu',
      'linh-vuc': '15',
      nam: '2020',
    });
    expect(checkForm(f, codes, 2026)).toEqual({
      filters: { q: 'thay the', typeCode: 'nghi_dinh', issuerCode: 'chinh_phu', fieldCode: 15, year: 2020 },
      errors: [],
    });
    expect(formUrl('/cong-khai/van-ban', f, 'abc')).toBe(
      '/cong-khai/van-ban?q=thay+the&loai=nghi_dinh&co-quan=chinh_phu&linh-vuc=15&nam=2020&sau=abc',
    );
    expect(formUrl('/cong-khai/van-ban', EMPTY_FORM)).toBe('/cong-khai/van-ban');
  });

  it('names every bad value in Vietnamese', () => {
    const f = readForm({
      loai: 'xyz',
      'co-quan': 'khong_co',
      'linh-vuc': '99',
      nam: '20x6',
      'tinh-trang': 'song',
      sau: '<>',
      q: 'a'.repeat(201),
    });
    expect(checkForm(f, codes, 2026).errors).toEqual([
      'Từ khóa tìm kiếm dài quá 200 ký tự; hãy gõ ngắn hơn.',
      'Loại văn bản "xyz" không có trong danh mục.',
      'Cơ quan ban hành "khong_co" không có trong danh mục.',
      'Lĩnh vực không hợp lệ: hãy chọn một lĩnh vực trong danh sách.',
      'Năm ban hành phải là một năm có 4 chữ số, từ 1945 đến 2027.',
      'Tình trạng hiệu lực không hợp lệ: hãy chọn một tình trạng trong danh sách.',
      'Địa chỉ trang sau không hợp lệ; hãy tìm lại từ đầu.',
    ]);
  });

  it('labels gazette issues as printed', () => {
    expect(issueLabel(15, 15)).toBe('Số 15');
    expect(issueLabel(1271, 1272)).toBe('Số 1271 + 1272');
    expect(issueLabel(1271, 1276)).toBe('Số 1271 đến 1276');
  });
});

describe.each(ENGINES)('the public legal pages on %s', (engine) => {
  let t: TestApp;
  let f: LegalFixture;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers });
  const numbersIn = (page: string) =>
    [...page.matchAll(/<h2><a href="\/cong-khai\/van-ban\/[0-9a-f-]+">([^<]+)<\/a>/g)].map((m) => m[1]);

  beforeAll(async () => {
    t = await makeTestApp(engine, { PUBLIC_URL: 'https://lienthong.vinhlong.gov.vn' }, { now: () => NOW });
    f = await seedLegalFixture(t.database.db, t.blobs);
  });
  afterAll(() => t.close());

  it('lists the newest documents without signing in, with its metadata and cache headers', async () => {
    const res = await get('/cong-khai/van-ban');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.etag).toBeTruthy();
    const page = res.body;
    expect(page).toContain('<html lang="vi">');
    expect(page).toContain('<title>Văn bản quy phạm pháp luật — ');
    expect(page).toMatch(/<meta name="description" content="Tra cứu văn bản quy phạm pháp luật/);
    expect(page).toContain(
      '<link rel="canonical" href="https://lienthong.vinhlong.gov.vn/cong-khai/van-ban">',
    );
    expect(page).toContain('<form class="search" method="get" action="/cong-khai/van-ban"');
    expect(page).not.toContain('<script');
    // Newest issue date first: the resolution of 20/11/2026, then the decision of 25/11… sorted desc.
    expect(numbersIn(page).slice(0, 3)).toEqual(['31/2026/QĐ-UBND', '30/2026/NQ-HĐND', '20/2021/QĐ-UBND']);
    expect(page).toContain('<span class="st st-not_yet">Chưa có hiệu lực</span>');
    expect((await get('/cong-khai/van-ban', { 'if-none-match': String(res.headers.etag) })).statusCode).toBe(
      304,
    );
    // Built once, sent gzipped to browsers that accept it: the same text.
    const zipped = await get('/cong-khai/van-ban', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(page);
  });

  it('finds "Thay thế Quyết định…" typed without diacritics', async () => {
    const page = (await get('/cong-khai/van-ban?q=thay+the+quyet+dinh')).body;
    expect(numbersIn(page)).toEqual(['14/2019/QĐ-UBND']);
    expect(page).toContain('value="thay the quyet dinh"');
    expect(page).toContain('<title>Tìm văn bản: thay the quyet dinh — ');
  });

  it('puts the number match first, then the text matches', async () => {
    const page = (await get('/cong-khai/van-ban?q=14%2F2019')).body;
    expect(numbersIn(page)).toEqual(['14/2019/QĐ-UBND', '20/2021/QĐ-UBND']);
  });

  it('filters by type, issuing body, field, year and status as of today', async () => {
    const n = async (qs: string) => numbersIn((await get(`/cong-khai/van-ban?${qs}`)).body);
    expect(await n('loai=nghi_dinh')).toEqual(['45/2020/NĐ-CP']);
    expect(await n('co-quan=chinh_phu')).toEqual(['45/2020/NĐ-CP']);
    expect(await n('linh-vuc=27')).toEqual(['14/2019/QĐ-UBND']);
    expect(await n('nam=2019')).toEqual(['14/2019/QĐ-UBND']);
    expect(await n('tinh-trang=expired')).toEqual(['12/2015/QĐ-UBND']);
    expect(await n('tinh-trang=not_yet&loai=nghi_quyet_hdnd')).toEqual(['30/2026/NQ-HĐND']);
    const page = (await get('/cong-khai/van-ban?co-quan=chinh_phu&tinh-trang=in_force')).body;
    expect(page).toContain('<option value="chinh_phu" selected>');
    expect(page).toContain('<option value="in_force" selected>');
  });

  it('pages with a keyset "Trang sau" link that keeps the filters', async () => {
    const first = (await get('/cong-khai/van-ban?loai=quyet_dinh_ubnd')).body;
    const one = numbersIn(first);
    expect(one).toHaveLength(20);
    const next = first.match(/<a rel="next" href="([^"]+)">Trang sau →<\/a>/)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/cong-khai\/van-ban\?loai=quyet_dinh_ubnd&sau=/);
    const second = (await get(next!)).body;
    const two = numbersIn(second);
    expect(two.length).toBe(29 - 20);
    expect(two.filter((x) => one.includes(x))).toEqual([]);
    expect(second).not.toContain('Trang sau →');
    expect(second).toContain('« Trang đầu');
  });

  it('says what to try when nothing matches', async () => {
    const res = await get('/cong-khai/van-ban?q=khong+co+van+ban+nao+nhu+the');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Không tìm thấy văn bản nào phù hợp.');
    expect(res.body).toContain('Hãy thử: gõ ít từ hơn');
  });

  it('answers a bad filter with the form and a Vietnamese message (400), never a 500', async () => {
    for (const [qs, message] of [
      ['loai=xyz', 'Loại văn bản &quot;xyz&quot; không có trong danh mục.'],
      ['co-quan=khong_co', 'Cơ quan ban hành &quot;khong_co&quot; không có trong danh mục.'],
      ['linh-vuc=99', 'Lĩnh vực không hợp lệ'],
      ['nam=abcd', 'Năm ban hành phải là một năm có 4 chữ số'],
      ['tinh-trang=song', 'Tình trạng hiệu lực không hợp lệ'],
      ['sau=%3Cscript%3E', 'Địa chỉ trang sau không hợp lệ'],
      ['sau=bm90LWEtY3Vyc29y', 'không hợp lệ'],
      [`q=${'a'.repeat(300)}`, 'Từ khóa tìm kiếm dài quá 200 ký tự'],
    ] as const) {
      const res = await get(`/cong-khai/van-ban?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body, qs).toContain(message);
      expect(res.body).toContain('<form class="search"');
      expect(res.body).not.toContain('<script>');
    }
  });

  it('shows a document with its properties, full text, history, related documents, diagram and files', async () => {
    const res = await get(`/cong-khai/van-ban/${f.docs.old}`);
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain('<title>Quyết định của Ủy ban nhân dân 12/2015/QĐ-UBND — ');
    expect(page).toContain(
      `<link rel="canonical" href="https://lienthong.vinhlong.gov.vn/cong-khai/van-ban/${f.docs.old}">`,
    );
    for (const tab of ['thuoc-tinh', 'toan-van', 'lich-su', 'lien-quan', 'luoc-do', 'tai-ve'])
      expect(page).toContain(`<a href="#${tab}">`);
    expect(page).toContain(
      '<dt>Tình trạng hiệu lực</dt><dd><span class="st st-expired">Hết hiệu lực toàn bộ</span>',
    );
    // History: issued, took effect, replaced by 14/2019 from its effective date.
    expect(page).toContain('<td data-label="Ngày">02/03/2015</td>');
    expect(page).toMatch(
      /<td data-label="Ngày">01\/06\/2019<\/td>\s*<td data-label="Trạng thái">Bị thay thế/,
    );
    expect(page).toContain(`<a href="/cong-khai/van-ban/${f.docs.replacing}">14/2019/QĐ-UBND</a>`);
    // The related document is named by its role: the new decision is the replacing one.
    expect(page).toMatch(
      /<td data-label="Quan hệ">Văn bản thay thế<\/td>\s*<td data-label="Văn bản"><a href="\/cong-khai\/van-ban\/[0-9a-f-]+">14\/2019/,
    );

    const rep = (await get(`/cong-khai/van-ban/${f.docs.replacing}`)).body;
    expect(rep).toContain('<span class="st st-expired_partly">Hết hiệu lực một phần</span>');
    // The full text is escaped, in paragraphs.
    expect(rep).toContain('Quyết định này có hiệu lực &lt;b&gt;kể từ&lt;/b&gt; ngày 01/6/2019.');
    expect(rep).not.toContain('<b>kể từ</b>');
    // Diagram: the current document in the centre, groups by kind, each a link.
    expect(rep).toContain('<div class="current">');
    expect(rep).toContain('Văn bản bị thay thế (1)');
    expect(rep).toContain('Văn bản căn cứ (1)');
    expect(rep).toContain('Văn bản sửa đổi (1)');
    expect(rep).toContain(`<a href="/cong-khai/van-ban/${f.docs.decree}">45/2020/NĐ-CP</a>`);
    expect(rep).toContain('Điều 5');
    // The gazette that carried it, and its file.
    expect(rep).toContain('<a href="/cong-khai/cong-bao/2019/15">Công báo Số 15 + 16, năm 2019</a>');
    expect(rep).toContain(
      `<a href="/cong-khai/van-ban/${f.docs.replacing}/tep/${f.fileId}">14-2019-QD-UBND.pdf</a>`,
    );
    const file = await get(`/cong-khai/van-ban/${f.docs.replacing}/tep/${f.fileId}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''14-2019-QD-UBND.pdf");
    expect(file.rawPayload.toString()).toContain('quyết định 14/2019');
  });

  it('answers unknown documents and files with a Vietnamese 404 page', async () => {
    for (const url of [
      '/cong-khai/van-ban/0190aaaa-bbbb-7ccc-8ddd-000000000000',
      '/cong-khai/van-ban/khong-phai-ma',
      `/cong-khai/van-ban/${f.docs.old}/tep/${f.fileId}`,
      `/cong-khai/van-ban/${f.docs.replacing}/tep/khong-phai-ma`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('Không tìm thấy trang');
    }
  });

  it('lists published gazette issues by year, each with a stable page and its PDF', async () => {
    const list = await get('/cong-khai/cong-bao');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Công báo tỉnh</h1>');
    expect(list.body).toContain('<a href="/cong-khai/cong-bao/2019/15">Số 15 + 16</a>');
    expect(list.body).not.toContain('101');
    expect((await get('/cong-khai/cong-bao?nam=2019')).statusCode).toBe(200);
    expect((await get('/cong-khai/cong-bao?nam=2026')).statusCode).toBe(404);
    expect((await get('/cong-khai/cong-bao?nam=hai-nghin')).statusCode).toBe(404);

    const issue = await get('/cong-khai/cong-bao/2019/15');
    expect(issue.statusCode).toBe(200);
    expect(issue.headers['cache-control']).toBe('public, max-age=300');
    expect(issue.body).toContain('<h1>Công báo Số 15 + 16, năm 2019</h1>');
    expect(issue.body).toContain('Phát hành ngày 20/05/2019');
    expect(issue.body).toContain(
      `<a href="/cong-khai/van-ban/${f.docs.replacing}">Quyết định của Ủy ban nhân dân 14/2019/QĐ-UBND</a>`,
    );
    expect(issue.body).toContain('<a href="/cong-khai/cong-bao/2019/15/pdf">Tải bản PDF');
    // The second number of a combined issue reaches the same issue.
    expect((await get('/cong-khai/cong-bao/2019/16')).body).toContain(
      '<link rel="canonical" href="https://lienthong.vinhlong.gov.vn/cong-khai/cong-bao/2019/15">',
    );
    const pdf = await get('/cong-khai/cong-bao/2019/15/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('cong-bao-2019-so-15-16.pdf');
    expect(pdf.rawPayload.equals(f.issue.pdf)).toBe(true);
    for (const url of [
      '/cong-khai/cong-bao/2026/101',
      '/cong-khai/cong-bao/2026/101/pdf',
      '/cong-khai/cong-bao/2019/99',
      '/cong-khai/cong-bao/20x9/15',
    ])
      expect((await get(url)).statusCode, url).toBe(404);
  });

  it('serves the same data as JSON, described in OpenAPI', async () => {
    const search = await get('/api/v1/open/legal/documents?q=thay+the+quyet+dinh');
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { numberNotation: string }) => i.numberNotation)).toEqual([
      '14/2019/QĐ-UBND',
    ]);
    expect(search.json().items[0]).toMatchObject({
      status: 'expired_partly',
      url: `/cong-khai/van-ban/${f.docs.replacing}`,
    });
    const page1 = (await get('/api/v1/open/legal/documents?typeCode=quyet_dinh_ubnd&limit=5')).json();
    expect(page1.items).toHaveLength(5);
    const page2 = (
      await get(`/api/v1/open/legal/documents?typeCode=quyet_dinh_ubnd&limit=5&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items[0].id).not.toBe(page1.items[4].id);
    expect((await get('/api/v1/open/legal/documents?issuer=chinh_phu')).json().items).toHaveLength(1);

    const one = await get(`/api/v1/open/legal/documents/${f.docs.old}`);
    expect(one.statusCode).toBe(200);
    const v = one.json();
    expect(v.document).toMatchObject({
      numberNotation: '12/2015/QĐ-UBND',
      status: 'expired',
      asOf: '2026-12-04',
    });
    expect(v.history.map((e: { event: string }) => e.event)).toContain('Bị thay thế');
    expect(v.relations[0]).toMatchObject({
      kind: 'replaces',
      direction: 'incoming',
      label: 'Văn bản thay thế',
    });

    const gazette = (await get('/api/v1/open/legal/gazette')).json();
    expect(gazette.years).toEqual([2019]);
    expect(gazette.issues[0]).toMatchObject({
      label: 'Số 15 + 16',
      pdfUrl: '/cong-khai/cong-bao/2019/15/pdf',
    });
    expect((await get('/api/v1/open/legal/gazette/2019/16')).json().items[0].document.numberNotation).toBe(
      '14/2019/QĐ-UBND',
    );

    const doc = (await get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/open/legal/documents',
        '/api/v1/open/legal/documents/{id}',
        '/api/v1/open/legal/gazette',
        '/api/v1/open/legal/gazette/{year}/{number}',
      ]),
    );
  });

  it('answers bad JSON queries with a Vietnamese problem and unknown ids with 404', async () => {
    for (const [qs, message] of [
      ['typeCode=xyz', 'Loại văn bản không có trong danh mục.'],
      ['fieldCode=99', 'Lĩnh vực phải là một mã từ 1 đến 27.'],
      ['year=20x6', 'Năm phải là một năm có 4 chữ số.'],
      ['status=song', 'Tình trạng hiệu lực không hợp lệ.'],
      ['limit=1000', 'Số văn bản mỗi trang phải là số từ 1 đến 100.'],
    ] as const) {
      const res = await get(`/api/v1/open/legal/documents?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().fields[0].message, qs).toBe(message);
    }
    const issuer = await get('/api/v1/open/legal/documents?issuer=khong_co');
    expect(issuer.statusCode).toBe(400);
    expect(issuer.json().detail).toBe('Cơ quan ban hành "khong_co" không có trong danh mục.');
    const cursor = await get('/api/v1/open/legal/documents?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.statusCode).toBe(400);
    expect((await get('/api/v1/open/legal/documents/khong-phai-ma')).statusCode).toBe(400);
    const missing = await get('/api/v1/open/legal/documents/0190aaaa-bbbb-7ccc-8ddd-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Văn bản này không có trong cơ sở dữ liệu văn bản công khai.');
    expect((await get('/api/v1/open/legal/gazette/2026/101')).statusCode).toBe(404);
  });

  it('lets no internal field reach any page or open endpoint', async () => {
    const urls = [
      '/cong-khai/van-ban',
      '/cong-khai/van-ban?q=14%2F2019',
      ...Object.values(f.docs).map((id) => `/cong-khai/van-ban/${id}`),
      '/cong-khai/cong-bao',
      '/cong-khai/cong-bao/2019/15',
      '/api/v1/open/legal/documents',
      '/api/v1/open/legal/documents?q=quyet+dinh',
      ...Object.values(f.docs).map((id) => `/api/v1/open/legal/documents/${id}`),
      '/api/v1/open/legal/gazette',
      '/api/v1/open/legal/gazette/2019/15',
    ];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      for (const s of [
        f.agencyId,
        f.creatorId,
        f.issuerId,
        SECRET.creatorName,
        SECRET.returnReason,
        SECRET.importBatchId,
        'agencyId',
        'agency_id',
        'createdBy',
        'importBatchId',
        'canEdit',
        'textSource',
        'declaredBy',
        'issuerId',
        'submitted',
        'receivedAt',
        'returnReason',
        'sha256',
      ])
        expect(res.body, `${url}: ${s}`).not.toContain(s);
    }
  });
});
