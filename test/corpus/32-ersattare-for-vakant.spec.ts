import { createPerson } from '../factories';
import { createTestApp, TestApp } from '../test-app';
import {
  minutesHtml,
  ok,
  transcribedMeeting,
  transcribedWorld,
  TranscribedWorld,
} from './transcribed-helpers';

/**
 * Corpus 32: Region Uppsala regionstyrelsen, "den 21 mars 2017, kl. 13:00 15:30", Regionkontoret;
 * "Bengt-Ivar Fransson (M), ersättare för Vakant (M)", "Thomas Eriksson (S), ersättare för Ida
 * Svensson (S)"; justering "Tisdagen den 28 mars 2017, Regionens hus, Storgatan 27, Uppsala";
 * ordförande Börje Wennberg, justerare Anna-Karin Klomp, sekreterare Jessica Bräck.
 */
describe('corpus 32: Region Uppsala RS 2017-03-21, ersättare för Vakant (M)', () => {
  let t: TestApp;
  let w: TranscribedWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await transcribedWorld(t, { name: 'Regionstyrelsen', shortName: 'RS', kind: 'board' }, [
      { name: 'Börje Wennberg', party: 'S', role: 'chair' },
      { name: 'Ida Svensson', party: 'S' },
      { name: 'Anna-Karin Klomp', party: 'KD' },
      { name: 'Thomas Eriksson', party: 'S', role: 'substitute' },
      { name: 'Bengt-Ivar Fransson', party: 'M', role: 'substitute' },
    ]);
  });
  afterAll(() => t.close());

  it('records and prints a substitute serving for a vacant seat', async () => {
    const secretary = await createPerson(t, w.registrarToken, w.organisationId, {
      name: 'Jessica Bräck',
    });
    const meeting = await transcribedMeeting(t, w, {
      meetingDate: '2017-03-21',
      startTime: '13:00',
      endTime: '15:30',
      place: 'Regionkontoret',
      chairPersonId: w.people['Börje Wennberg'].id,
      secretaryPersonId: secretary.id,
      adjusterPersonIds: [w.people['Anna-Karin Klomp'].id],
      adjustmentPlace: 'Regionens hus, Storgatan 27, Uppsala',
      adjustmentDate: '2017-03-28',
    });
    const view = await ok<Record<string, any>>(
      t.http
        .put(`/api/meetings/${meeting.id}/attendance`)
        .set(w.auth)
        .send({
          entries: [
            { personId: w.people['Börje Wennberg'].id, role: 'member' },
            { personId: w.people['Anna-Karin Klomp'].id, role: 'member' },
            {
              personId: w.people['Thomas Eriksson'].id,
              role: 'substitute',
              servingForPersonId: w.people['Ida Svensson'].id,
            },
            {
              personId: w.people['Bengt-Ivar Fransson'].id,
              role: 'substitute',
              servingForVacantParty: 'M',
            },
          ],
        }),
      200,
    );
    expect(view.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          person: expect.objectContaining({ displayName: 'Bengt-Ivar Fransson (M)' }),
          servingFor: null,
          servingForVacantParty: 'M',
        }),
      ]),
    );
    const html = await minutesHtml(t, w, meeting.id);
    expect(html).toContain('Bengt-Ivar Fransson (M) (ersättare för Vakant (M))');
    expect(html).toContain('Thomas Eriksson (S) (ersättare för Ida Svensson (S))');
    expect(html).toContain('Regionkontoret, kl. 13:00–15:30');
    expect(html).toContain('<th>Sammanträdesdatum</th><td>21 mars 2017</td>');
    expect(html).toContain('Regionens hus, Storgatan 27, Uppsala 28 mars 2017');
    expect(html).toContain('<th>Sekreterare</th><td>Jessica Bräck</td>');

    // A vacant seat is served by a substitute, never by a member or for a named member too.
    const bad = await t.http
      .put(`/api/meetings/${meeting.id}/attendance`)
      .set(w.auth)
      .send({
        entries: [
          {
            personId: w.people['Anna-Karin Klomp'].id,
            role: 'member',
            servingForVacantParty: 'M',
          },
        ],
      });
    expect([409, 422]).toContain(bad.status);
  });
});
