import { hotRows } from '../../db/client.ts';
import { type Ctx, inTx } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { registerFor } from './registers.ts';
import { planRelease, type ReleaseOptions } from './release/plan.ts';
import { releaseRead } from './release/routing.ts';
import { stampForRelease, stampNeeded } from './release/stamp.ts';
import { releaseStatement } from './release/statement.ts';
import { assertAllowed } from './workflow.ts';

export type { Recipient } from './release/plan.ts';

/**
 * The clerk numbers and releases a signed document: number and notation from the outgoing register
 * (Decree 30, Art. 15; Appendix I, II.3), date of today, then delivery to each recipient. Secret
 * documents never travel over the network: their electronic recipients must be delivered on paper.
 *
 * A release is two statements whatever the recipients, each atomic by itself: the read of the
 * document with every route, then one statement that locks the document if it is still signed,
 * takes the number and writes the document, its deliveries, each recipient agency's copy here (with
 * its files, event and the clerks' notices), the packages queued for peers, e-mail jobs and the
 * audit row; no number, nothing written. (It was about 16 statements, and 10 more per agency here.)
 *
 * Its parts: `release/routing.ts` reads the document and its routes (the first statement),
 * `release/plan.ts` decides everything the release writes (a pure function, tested without a
 * database), `release/statement.ts` turns the plan into the second statement.
 */
export async function release(ctx: Ctx, id: string, opts: ReleaseOptions = {}) {
  assertAllowed(ctx, 'release');
  const c = ctx;
  const read = await releaseRead(c, id);
  const { doc } = read;
  assertAllowed(ctx, 'release', doc);
  const plan = planRelease(read, { id, actor: c.actor, opts }, c.now());
  // A digitally signed PDF and an agency seal key: the number goes into the PDF first (stamp.ts).
  if (await stampNeeded(c, read)) return releaseStamped(c, read, plan, opts);
  const statement = releaseStatement(plan, c.actor, c.hooks.outsideExchange);
  const run = () => hotRows<{ found: number; number: number | null; nn: string | null }>(c.db, statement);
  let [got] = await run();
  if (got?.found && got.number == null) {
    await registerFor(c.db, doc.agencyId, 'outgoing', plan.secret); // the agency's first outgoing document
    [got] = await run();
  }
  if (!got?.found || got.number == null) throw new AppError('conflict', 'Chỉ phát hành được văn bản đã ký.');
  return { id, number: got.number, numberNotation: got.nn! };
}

/**
 * The release of a digitally signed PDF when the agency has a seal key: one transaction that locks
 * the register's counter, writes the predicted number and date into the PDF with the agency's
 * signature (a new version of the files, which the recipients' copies, packages and e-mails carry),
 * then runs the release statement, which must take exactly that number.
 */
async function releaseStamped(
  ctx: Ctx,
  read: Awaited<ReturnType<typeof releaseRead>>,
  first: ReturnType<typeof planRelease>,
  opts: ReleaseOptions,
) {
  return inTx(ctx, async (c) => {
    const { files, number } = await stampForRelease(c, read, {
      year: first.year,
      secret: first.secret,
      notation: first.notation,
      issuedDate: c.now(),
    });
    const plan = planRelease({ ...read, files }, { id: first.id, actor: c.actor, opts }, c.now());
    const statement = releaseStatement(plan, c.actor, c.hooks.outsideExchange);
    const [got] = await hotRows<{ found: number; number: number | null; nn: string | null }>(c.db, statement);
    if (!got?.found || got.number == null)
      throw new AppError('conflict', 'Chỉ phát hành được văn bản đã ký.');
    if (got.number !== number) throw new AppError('conflict', 'Số văn bản vừa thay đổi; hãy phát hành lại.');
    return { id: first.id, number: got.number, numberNotation: got.nn! };
  });
}
