import { expect } from 'vitest';
import {
  makeDecree30Pdf,
  SAMPLE_INVITATION,
} from '../../src/server/modules/documents/extract/testing/make-docs.ts';
import { jobRunner } from '../../src/server/runtime.ts';
import {
  apiAs,
  describeBrowser,
  expectAccessible,
  newTestPage,
  saveScreen,
  setupE2E,
  signInAPI,
  type TestPage,
} from './harness.ts';

// A meeting from an invitation in a real browser: the clerk of Sở Nội vụ registers a received giấy
// mời (a PDF whose text holds the day, time and place) and submits it; the director assigns it to an
// officer; the text is extracted (the job); the clerk opens /giay-moi, finds the proposal prefilled,
// and puts it into the calendar; the officer gets a notice whose link shows the meeting in his week.
// Each screen is checked with axe (WCAG 2.1 A/AA) at 1280 and 360 px.

interface Colleagues {
  people: { id: string; name: string }[];
}
interface Notices {
  items: { title: string; body: string | null; link: string | null }[];
}

/** Vietnam's date `n` days from today (yyyy-mm-dd). */
const vnDay = (n: number) => new Date(Date.now() + 7 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

describeBrowser('portal: meetings from invitations', () => {
  const e2e = setupE2E();

  e2e.test(
    'a clerk turns a received giấy mời into a meeting for the assigned officer',
    async ({ page, context }) => {
      const opened: TestPage[] = [];
      try {
        const day = vnDay(6);
        const [y, m, d] = day.split('-');
        const suffix = String(Date.now() % 100000);
        const summary = `Về việc dự họp thẩm định đề án vị trí việc làm (${suffix})`;
        const pdf = await makeDecree30Pdf({
          ...SAMPLE_INVITATION,
          number: (Number(suffix) % 900) + 10,
          date: vnDay(0),
          summary,
          body: [
            'Ủy ban nhân dân huyện Long Hồ trân trọng kính mời đại diện lãnh đạo Sở Nội vụ.',
            'Tới dự họp thẩm định đề án vị trí việc làm của các cơ quan hành chính huyện.',
            `Thời gian: 08 giờ 30 phút, ngày ${d} tháng ${m} năm ${y}.`,
            'Địa điểm: Phòng họp số 2, Ủy ban nhân dân huyện./.',
          ].join('\n'),
        });

        // The clerk registers it with its file and submits it to the director; he assigns it to the officer.
        const clerk = await apiAs(context, 'vanthu.snv');
        const staff = (await clerk.get<Colleagues>('/api/v1/documents/colleagues')).people;
        const id = (n: string) => staff.find((p) => p.name === n)!.id;
        const file = await clerk.upload('giay-moi.pdf', 'application/pdf', pdf);
        const doc = await clerk.post<{ id: string }>('/api/v1/documents/incoming', {
          issuerName: 'Ủy ban nhân dân huyện Long Hồ',
          numberNotation: `${(Number(suffix) % 900) + 10}/GM-UBND`,
          typeCode: 'giay_moi',
          issuedDate: vnDay(0),
          summary,
          files: [{ ...file, role: 'main' }],
          submitToId: id('Nguyễn Văn Hòa'),
        });
        const side = await newTestPage(e2e.browser, e2e.url);
        opened.push(side);
        const leader = await apiAs(side.context, 'lanhdao.snv');
        await leader.post(`/api/v1/documents/${doc.id}/direct`, {
          direction: 'Giao đồng chí Luân dự họp.',
          lead: { personId: id('Dương Minh Luân') },
        });
        // The file's text is read by the job (jobs do not run by themselves in these tests).
        await jobRunner(e2e.server.server.app.services).drain();

        // The clerk's list: the invitation waits, with the day read from its text.
        await signInAPI(context, 'vanthu.snv');
        await page.goto('/giay-moi');
        await page.getByRole('heading', { level: 1, name: 'Giấy mời' }).waitFor();
        await page.getByRole('link', { name: summary }).waitFor();
        await page.getByText(`08:30 ngày ${dmy(day)}, Phòng họp số 2, Ủy ban nhân dân huyện`).waitFor();
        await expectAccessible(page, 'invitations waiting');
        await saveScreen(page, 'portal-invitations-list');

        // The drawer: everything prefilled; the officer is the attendee.
        await page.getByRole('button', { name: `Xếp lịch: ${summary}` }).click();
        const drawer = page.getByRole('dialog', { name: 'Đưa giấy mời vào lịch' });
        await drawer.waitFor();
        expect(await drawer.getByLabel('Ngày họp').inputValue()).toBe(day);
        expect(await drawer.getByLabel('Giờ bắt đầu').inputValue()).toBe('08:30');
        expect(await drawer.getByLabel('Địa điểm').inputValue()).toBe(
          'Phòng họp số 2, Ủy ban nhân dân huyện',
        );
        expect(await drawer.getByLabel('Nội dung').inputValue()).toBe(
          `Dự họp thẩm định đề án vị trí việc làm (${suffix})`,
        );
        await drawer.getByText('Dương Minh Luân').first().waitFor();
        await expectAccessible(page, 'invitation drawer');
        await saveScreen(page, 'portal-invitations-drawer');

        // A time the morning cannot hold is refused in place, before anything is sent.
        await drawer.getByLabel('Giờ bắt đầu').fill('03:00');
        await drawer.getByText('Giờ bắt đầu 03:00 không thuộc buổi sáng').waitFor();
        await drawer.getByLabel('Giờ bắt đầu').fill('08:30');

        await drawer.getByRole('button', { name: 'Đưa vào lịch' }).click();
        await page.getByText('Đã đưa vào lịch và báo cho người dự họp.').waitFor();
        await expect.poll(() => page.getByRole('link', { name: summary }).count()).toBe(0);
        await page.getByText('Đã xếp lịch', { exact: true }).click();
        await page.getByRole('link', { name: summary }).waitFor();

        // The document's own page tells what became of it.
        await page.goto(`/van-ban/${doc.id}`);
        await page
          .getByText(`Cuộc họp: 08:30 ngày ${dmy(day)}, Phòng họp số 2, Ủy ban nhân dân huyện`)
          .waitFor();
        await expectAccessible(page, 'invitation on the document page');

        // The officer's notice, and his week behind its link.
        const officer = await newTestPage(e2e.browser, e2e.url);
        opened.push(officer);
        await signInAPI(officer.context, 'chuyenvien.snv');
        const notices = await (await officer.context.request.get('/api/v1/notifications')).json();
        const notice = (notices as Notices).items.find((n) =>
          n.title.includes('thẩm định đề án vị trí việc làm'),
        )!;
        expect(notice.title).toBe(`Lịch họp mới: Dự họp thẩm định đề án vị trí việc làm (${suffix})`);
        expect(notice.body).toBe(`08:30 (sáng) ngày ${dmy(day)}, Phòng họp số 2, Ủy ban nhân dân huyện`);
        await officer.page.goto(notice.link!);
        await officer.page.getByRole('heading', { level: 1, name: 'Lịch công tác tuần' }).waitFor();
        expect(
          await officer.page.getByRole('tab', { name: 'Lịch của tôi' }).getAttribute('aria-selected'),
        ).toBe('true');
        await officer.page.getByText(`Dự họp thẩm định đề án vị trí việc làm (${suffix})`).waitFor();
        await expectAccessible(officer.page, 'my meetings');
      } finally {
        for (const t of opened) await t.context.close();
      }
    },
  );
});
