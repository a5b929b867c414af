import { describe, expect, it } from 'vitest';
import { type EffectInput, effectStatus, effectTimeline, expiryOf, type IncomingLink } from './effect.ts';
import type { RelationKind } from './relations.ts';

let seq = 0;
function doc(issuedDate: string, effectiveFrom: string, extra: Partial<EffectInput['doc']> = {}) {
  seq += 1;
  return {
    id: `d${seq}`,
    numberNotation: `${seq}/QĐ`,
    title: `Văn bản ${seq}`,
    issuedDate,
    effectiveFrom,
    ...extra,
  };
}
function link(
  kind: RelationKind,
  source: ReturnType<typeof doc>,
  extra: Partial<Omit<IncomingLink, 'kind' | 'source'>> = {},
): IncomingLink {
  return { kind, source, ...extra };
}
function input(d: ReturnType<typeof doc>, incoming: IncomingLink[] = [], guided: EffectInput['guided'] = []) {
  return { doc: d, incoming, guided };
}

describe('effect status', () => {
  it('is not yet in force before its effective date, in force from it, expired at its own term', () => {
    const x = input(doc('2020-01-10', '2020-01-25', { effectiveTo: '2021-01-01' }));
    expect(effectStatus(x, '2020-01-10')).toBe('not_yet');
    expect(effectStatus(x, '2020-01-24')).toBe('not_yet');
    expect(effectStatus(x, '2020-01-25')).toBe('in_force');
    expect(effectStatus(x, '2020-12-31')).toBe('in_force');
    expect(effectStatus(x, '2021-01-01')).toBe('expired');
    expect(expiryOf(x)).toMatchObject({ date: '2021-01-01', reason: 'term' });
  });

  it('expires a replaced document from the replacing document effect date, or the link own date', () => {
    const old = doc('2013-08-01', '2013-08-11');
    const replacing = doc('2019-05-02', '2019-05-15');
    const x = input(old, [link('replaces', replacing)]);
    expect(effectStatus(x, '2019-05-14')).toBe('in_force');
    expect(effectStatus(x, '2019-05-15')).toBe('expired');
    expect(expiryOf(x)).toMatchObject({
      date: '2019-05-15',
      reason: 'replaces',
      cause: { id: replacing.id },
    });
    const y = input(old, [link('repeals', replacing, { effectiveDate: '2019-07-01' })]);
    expect(effectStatus(y, '2019-06-30')).toBe('in_force');
    expect(effectStatus(y, '2019-07-01')).toBe('expired');
  });

  it('expires a document replaced before its own effective date (never in force)', () => {
    const x = input(doc('2020-03-01', '2020-06-01'), [link('replaces', doc('2020-04-01', '2020-04-15'))]);
    expect(effectStatus(x, '2020-04-14')).toBe('not_yet');
    expect(effectStatus(x, '2020-04-15')).toBe('expired');
    expect(effectStatus(x, '2020-07-01')).toBe('expired');
  });

  it('gives whole expiry precedence over suspension, suspension over partial suspension and partial expiry', () => {
    const base = doc('2018-01-01', '2018-01-15');
    const amends = link('amends', doc('2019-01-01', '2019-02-01'));
    const partSusp = link('partly_suspends', doc('2019-03-01', '2019-03-01'));
    const susp = link('suspends', doc('2019-04-01', '2019-04-01'));
    const repl = link('replaces', doc('2019-05-01', '2019-06-01'));
    const x = input(base, [amends, partSusp, susp, repl]);
    expect(effectStatus(x, '2019-01-31')).toBe('in_force');
    expect(effectStatus(x, '2019-02-01')).toBe('expired_partly');
    expect(effectStatus(x, '2019-03-01')).toBe('suspended_partly');
    expect(effectStatus(x, '2019-04-01')).toBe('suspended');
    expect(effectStatus(x, '2019-06-01')).toBe('expired');
    expect(
      effectStatus(input(base, [link('partly_repeals', doc('2019-01-01', '2019-01-20'))]), '2019-02-01'),
    ).toBe('expired_partly');
    // Links without an effect change nothing.
    const listed = input(base, [
      link('supplements', doc('2019-01-01', '2019-01-20')),
      link('based_on', doc('2019-01-01', '2019-01-02')),
    ]);
    expect(effectStatus(listed, '2020-01-01')).toBe('in_force');
  });

  it('ends a suspension on its endsOn date (the status falls back to what lies beneath)', () => {
    const halted = input(doc('2018-01-01', '2018-01-15'), [
      link('amends', doc('2018-05-01', '2018-05-10')),
      link('halts', doc('2019-01-01', '2019-01-05'), { endsOn: '2019-03-01' }),
    ]);
    expect(effectStatus(halted, '2019-01-04')).toBe('expired_partly');
    expect(effectStatus(halted, '2019-01-05')).toBe('suspended');
    expect(effectStatus(halted, '2019-02-28')).toBe('suspended');
    expect(effectStatus(halted, '2019-03-01')).toBe('expired_partly');
    const open = input(doc('2018-01-01', '2018-01-15'), [link('suspends', doc('2019-01-01', '2019-01-05'))]);
    expect(effectStatus(open, '2030-01-01')).toBe('suspended');
    const timeline = effectTimeline(halted);
    expect(timeline.map((e) => [e.date, e.event, e.status])).toEqual([
      ['2018-01-01', 'Văn bản được ban hành', 'not_yet'],
      ['2018-01-15', 'Văn bản có hiệu lực', 'in_force'],
      ['2018-05-10', 'Được sửa đổi', 'expired_partly'],
      ['2019-01-05', 'Bị ngưng hiệu lực', 'suspended'],
      ['2019-03-01', 'Hết thời hạn đình chỉ', 'expired_partly'],
    ]);
  });

  it('cascades a guided document expiry to the guiding one under the 2015 law', () => {
    const law = doc('2014-06-01', '2015-01-01');
    const replacing = doc('2024-06-18', '2025-01-01');
    const lawInput = input(law, [link('replaces', replacing)]);
    const lawExpiry = expiryOf(lawInput);
    expect(lawExpiry).toMatchObject({ date: '2025-01-01', causeIssuedDate: '2024-06-18' });
    const decree = input(doc('2015-03-01', '2015-04-15'), [], [{ doc: law, expiry: lawExpiry }]);
    expect(effectStatus(decree, '2024-12-31')).toBe('in_force');
    expect(effectStatus(decree, '2025-01-01')).toBe('expired');
    expect(expiryOf(decree)).toMatchObject({
      date: '2025-01-01',
      reason: 'cascade',
      cause: { id: replacing.id },
    });
    // Transitive: a circular guiding the decree follows it.
    const circular = input(
      doc('2015-05-01', '2015-06-15'),
      [],
      [{ doc: decree.doc, expiry: expiryOf(decree) }],
    );
    expect(effectStatus(circular, '2025-01-01')).toBe('expired');
    const event = effectTimeline(decree).find((e) => e.event === 'Hết hiệu lực theo văn bản được hướng dẫn');
    expect(event).toMatchObject({ date: '2025-01-01', status: 'expired', by: { id: replacing.id } });
  });

  it('keeps a guiding document in force when the replacement was adopted under the 2025 law', () => {
    const law = doc('2014-06-01', '2015-01-01');
    const replacing = doc('2025-07-01', '2026-01-01');
    const lawExpiry = expiryOf(input(law, [link('replaces', replacing)]));
    const decree = input(doc('2015-03-01', '2015-04-15'), [], [{ doc: law, expiry: lawExpiry }]);
    expect(effectStatus(decree, '2026-06-01')).toBe('in_force');
    expect(expiryOf(decree)).toBeNull();
    // Issued the day before the 2025 law: the old rule.
    const before = expiryOf(input(law, [link('replaces', doc('2025-06-30', '2026-01-01'))]));
    expect(effectStatus(input(decree.doc, [], [{ doc: law, expiry: before }]), '2026-01-01')).toBe('expired');
  });

  it('applies a declared status from its date, over the cascade but not over own replacement', () => {
    const announcing = doc('2026-02-01', '2026-02-01');
    const law = doc('2014-06-01', '2015-01-01');
    const lawExpiry = expiryOf(input(law, [link('replaces', doc('2025-07-10', '2026-01-01'))]));
    const guiding = doc('2015-03-01', '2015-04-15', {
      declaredStatus: 'expired',
      declaredFrom: '2026-03-01',
      declaredBy: announcing,
    });
    const x = input(guiding, [], [{ doc: law, expiry: lawExpiry }]);
    expect(effectStatus(x, '2026-02-28')).toBe('in_force');
    expect(effectStatus(x, '2026-03-01')).toBe('expired');
    expect(expiryOf(x)).toMatchObject({
      date: '2026-03-01',
      reason: 'declared',
      cause: { id: announcing.id },
    });
    expect(effectTimeline(x).at(-1)).toMatchObject({ event: 'Công bố hết hiệu lực', status: 'expired' });

    // A declared "in force" before a 2015-law cascade keeps it in force; its own replacement still ends it.
    const oldLawExpiry = expiryOf(input(law, [link('replaces', doc('2020-01-01', '2020-07-01'))]));
    const kept = input(
      doc('2015-03-01', '2015-04-15', { declaredStatus: 'in_force', declaredFrom: '2020-06-01' }),
      [],
      [{ doc: law, expiry: oldLawExpiry }],
    );
    expect(effectStatus(kept, '2020-07-01')).toBe('in_force');
    expect(expiryOf(kept)).toBeNull();
    const replacedToo = input(kept.doc, [link('replaces', doc('2021-01-01', '2021-02-01'))], kept.guided);
    expect(effectStatus(replacedToo, '2021-02-01')).toBe('expired');
    // Declared partly expired overrides "not yet" too (the design's step 3–4 override).
    const partly = input(
      doc('2015-03-01', '2015-04-15', { declaredStatus: 'expired_partly', declaredFrom: '2015-03-10' }),
    );
    expect(effectStatus(partly, '2015-03-10')).toBe('expired_partly');
    expect(effectStatus(partly, '2015-03-09')).toBe('not_yet');
  });

  it('names the replacing document in the history, with the status after each event', () => {
    const old = doc('2013-08-01', '2013-08-11');
    const amending = doc('2016-01-01', '2016-01-15');
    const replacing = doc('2019-05-02', '2019-05-15');
    const t = effectTimeline(
      input(old, [
        link('amends', amending, { articles: 'Điều 5' }),
        link('replaces', replacing),
        link('supplements', doc('2017-01-01', '2017-02-01')),
      ]),
    );
    expect(t.map((e) => [e.date, e.event, e.statusLabel])).toEqual([
      ['2013-08-01', 'Văn bản được ban hành', 'Chưa có hiệu lực'],
      ['2013-08-11', 'Văn bản có hiệu lực', 'Còn hiệu lực'],
      ['2016-01-15', 'Được sửa đổi', 'Hết hiệu lực một phần'],
      ['2017-02-01', 'Được bổ sung', 'Hết hiệu lực một phần'],
      ['2019-05-15', 'Bị thay thế', 'Hết hiệu lực toàn bộ'],
    ]);
    expect(t[2]?.articles).toBe('Điều 5');
    expect(t[4]?.by).toEqual({
      id: replacing.id,
      numberNotation: replacing.numberNotation,
      title: replacing.title,
    });
  });
});
