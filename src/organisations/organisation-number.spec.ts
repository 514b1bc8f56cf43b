import { normaliseOrganisationNumber } from './organisation-number';

describe('normaliseOrganisationNumber', () => {
  it.each([
    ['232100-0214', '232100-0214'], // Region Jämtland Härjedalen
    ['232100–0214', '232100-0214'], // en dash, as printed in seed 004
    ['2321000214', '232100-0214'],
    ['212000-0142', '212000-0142'], // Stockholms kommun
    ['202100-5489', '202100-5489'], // Statens servicecenter
  ])('accepts %s', (input, expected) => {
    expect(normaliseOrganisationNumber(input)).toBe(expected);
  });

  it.each(['232100-0215', '23210-00214', 'abcdef-ghij', '', '811218-9876'])(
    'rejects %s',
    (input) => {
      expect(normaliseOrganisationNumber(input)).toBeNull();
    },
  );
});
