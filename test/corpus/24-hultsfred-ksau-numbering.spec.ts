import { createTestApp, TestApp } from '../test-app';
import { paragraphReference } from '../../src/numbering/reference-pattern';
import { registrar } from './numbering-corpus';

/**
 * Corpus 24: Hultsfreds kommunstyrelsens arbetsutskott 2014, "KSAU 130/2014" (body prefix,
 * number, year). The excerpt prints no meeting date (only the year, from the numbering).
 */
describe('corpus 24: "KSAU 130/2014"', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('holds the pattern and the series position; the reference is made in the body form', async () => {
    const r = await registrar(t);
    const ks = await r.body({ name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' });
    const au = await r.body({
      name: 'Kommunstyrelsens arbetsutskott',
      shortName: 'KSAU',
      kind: 'working_committee',
      preparesForBodyId: ks.id,
      referencePattern: '{short} {n}/{yyyy}',
    });
    const numbering = await r.setNext(au.id, { period: 2014, nextNumber: 130 });
    expect(numbering.periods).toEqual([{ period: 2014, lastNumber: 129, nextNumber: 130 }]);
    const view = await t.http.get(`/api/bodies/${au.id}/numbering`).expect(200);
    expect(view.body.referencePattern).toBe('{short} {n}/{yyyy}');
    // The year comes from the meeting; the same function makes every stored reference.
    expect(
      paragraphReference({
        pattern: '{short} {n}/{yyyy}',
        shortName: 'KSAU',
        number: 130,
        meetingDate: '2014-01-01',
      }).reference,
    ).toBe('KSAU 130/2014');
    // A meeting needs its date: the excerpt has none, so no meeting is invented here.
  });

  it('numbers a dated KSAU meeting in that form', async () => {
    const r = await registrar(t);
    const ks = await r.body({ name: 'Kommunstyrelsen', shortName: 'KS', kind: 'board' });
    const au = await r.body({
      name: 'Kommunstyrelsens arbetsutskott',
      shortName: 'KSAU',
      kind: 'working_committee',
      preparesForBodyId: ks.id,
      referencePattern: '{short} {n}/{yyyy}',
    });
    await r.setNext(au.id, { period: 2015, nextNumber: 130 });
    const m = await r.meeting(au.id, { meetingDate: '2015-06-02' });
    const p = await r.paragraph(m.id, { title: 'Ombudgetering', caseNumber: '2015/1' });
    expect(p.reference).toBe('KSAU 130/2015');
    expect(await r.minutes(m.id)).toContain('<h2>KSAU 130/2015 Ombudgetering</h2>');
  });
});
