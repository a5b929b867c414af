import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoEnv } from '../../platform/modules.ts';
import { personIdByUsername, primaryAgencyOf } from '../people/index.ts';
import { acceptItem, assignCase, classifyItem, publishAnswer, settleItem } from './actions.ts';
import { identityKey } from './identity.ts';
import { createItem, feedbackTrackingKey } from './intake.ts';
import { feedbackItems } from './schema.ts';

/*
 * The demo register of Sở Nội vụ, so the screens open on real work: a feedback on a regulation
 * answered and published, a complaint being settled, a denunciation with chuyenvien.snv named as
 * settler (the others see it sealed), and a proposal waiting to be classified. Made through the
 * module's own actions at past instants; the senders have no e-mail (the demo mails nobody).
 * Idempotent: skipped once the agency has items. The identity is sealed with the installation's key
 * (in its data directory), so the settler can open it on the demo.
 */

const DAY = 86_400_000;

export async function seedFeedbackDemo(db: Db, env: DemoEnv): Promise<void> {
  const clerk = await personIdByUsername(db, 'vanthu.snv');
  const officer = await personIdByUsername(db, 'chuyenvien.snv');
  const leader = await personIdByUsername(db, 'lanhdao.snv');
  if (!clerk || !officer || !leader) return;
  const agencyId = await primaryAgencyOf(db, clerk);
  if (!agencyId) return;
  const [had] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(feedbackItems)
    .where(eq(feedbackItems.receivedAgencyId, agencyId));
  if ((had?.n ?? 0) > 0) return;
  const config = { dataDir: env.dataDir };
  const keys = { identityKey: identityKey(config), trackingKey: feedbackTrackingKey(config) };
  const now = Date.now();
  const ctx = (personId: string, fullName: string, role: 'clerk' | 'officer' | 'agency_leader', at: number) =>
    ({
      db,
      now: () => new Date(at),
      config,
      actor: {
        personId,
        username: '',
        fullName,
        sessionId: '',
        positionId: null,
        agencyId,
        divisionId: null,
        role,
        ip: '127.0.0.1',
      },
    }) as unknown as Ctx;
  const receive = (
    at: number,
    o: Partial<Parameters<typeof createItem>[1]> &
      Pick<Parameters<typeof createItem>[1], 'declaredKind' | 'subject' | 'content' | 'identity'>,
  ) =>
    createItem(db, {
      agencyId,
      channel: 'online',
      senderKind: 'citizen',
      files: [],
      now: new Date(at),
      ...keys,
      ...o,
    });
  const c = (at: number) => ctx(clerk, 'Văn thư Sở Nội vụ', 'clerk', at);

  // 1. A feedback on a regulation, answered and published (the sender agreed).
  const t1 = now - 20 * DAY;
  const one = await receive(t1, {
    declaredKind: 'regulation',
    subject: 'Thủ tục công nhận Ban vận động thành lập hội yêu cầu nhiều bản sao giấy tờ',
    content:
      'Tôi đề nghị cơ quan xem xét giảm số bản sao giấy tờ khi nộp hồ sơ công nhận Ban vận động thành lập hội, vì các giấy tờ này đã có trong cơ sở dữ liệu quốc gia về dân cư.',
    field: 'Tổ chức phi chính phủ',
    publishConsent: true,
    identity: { name: 'Trần Văn Bình', address: 'Phường 1, thành phố Bà Rịa' },
  });
  await classifyItem(c(t1 + DAY), keys, one.item.id, { kind: 'regulation' });
  await acceptItem(c(t1 + DAY), keys, one.item.id, {});
  const answer =
    'Sở Nội vụ ghi nhận kiến nghị. Từ tháng này, hồ sơ nộp trực tuyến không phải nộp bản sao giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư; cơ quan tự khai thác.';
  await settleItem(c(t1 + 8 * DAY), keys, one.item.id, { result: answer });
  await publishAnswer(c(t1 + 9 * DAY), keys, one.item.id, {
    question:
      'Đề nghị giảm số bản sao giấy tờ khi nộp hồ sơ công nhận Ban vận động thành lập hội, vì các giấy tờ đã có trong cơ sở dữ liệu quốc gia về dân cư.',
    answer,
  });

  // 2. A complaint accepted and being settled.
  const t2 = now - 6 * DAY;
  const two = await receive(t2, {
    declaredKind: 'complaint',
    channel: 'desk',
    receivedBy: clerk,
    subject: 'Khiếu nại kết quả xét tuyển viên chức năm 2026',
    content: 'Tôi khiếu nại việc không được cộng điểm ưu tiên trong kỳ xét tuyển viên chức năm 2026 của Sở.',
    field: 'Công chức, viên chức',
    identity: { name: 'Lê Thị Hoa', address: 'Xã Phước Hậu, huyện Long Hồ', phone: '0901234567' },
  });
  await classifyItem(c(t2 + DAY), keys, two.item.id, { kind: 'complaint' });
  await acceptItem(c(t2 + 2 * DAY), keys, two.item.id, {});

  // 3. A denunciation: the leader names chuyenvien.snv as the settler; nobody else opens the identity.
  const t3 = now - 2 * DAY;
  const three = await receive(t3, {
    declaredKind: 'denunciation',
    channel: 'post',
    receivedBy: clerk,
    subject: 'Tố cáo cán bộ nhận tiền khi giải quyết hồ sơ',
    content:
      'Tôi là Phạm Văn Cường, ở ấp Phú Thạnh, xã Long Phước. Tôi tố cáo một cán bộ bộ phận một cửa đã yêu cầu tôi đưa tiền để hồ sơ được giải quyết nhanh.',
    field: 'Phòng, chống tham nhũng',
    identity: { name: 'Phạm Văn Cường', address: 'ấp Phú Thạnh, xã Long Phước', phone: '0912345678' },
  });
  await classifyItem(c(t3 + DAY / 2), keys, three.item.id, { kind: 'denunciation' });
  await assignCase(ctx(leader, 'Lãnh đạo Sở Nội vụ', 'agency_leader', t3 + DAY), keys, three.item.id, {
    settlers: [officer],
    verifiers: [],
  });

  // 4. A proposal waiting to be classified.
  await receive(now - DAY / 4, {
    declaredKind: 'proposal',
    subject: 'Đề nghị bố trí thêm chỗ để xe tại bộ phận một cửa',
    content:
      'Bộ phận một cửa của Sở thường hết chỗ để xe vào buổi sáng. Đề nghị bố trí thêm chỗ để xe cho người dân.',
    identity: { name: 'Nguyễn Thị Mai' },
  });
}
