import type { TestApp } from './test-app';

/** Builders for registry data through the public API, so tests exercise the real rules. */
export interface Registry {
  adminToken: string;
  registrarToken: string;
  organisationId: string;
}

let orgCounter = 0;

/** Valid organisationsnummer with a correct Luhn digit, different on every call. */
export function nextOrganisationNumber(): string {
  orgCounter += 1;
  const base = `2321${String(orgCounter % 100).padStart(2, '0')}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(base[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return `${base.slice(0, 6)}-${base.slice(6)}${check}`;
}

export async function createOrganisation(
  t: TestApp,
  adminToken: string,
  /** organisationNumber: null creates the organisation without one (not printed in the source). */
  overrides: Partial<{ name: string; kind: string; organisationNumber: string | null }> = {},
): Promise<{ id: string; name: string; organisationNumber: string | null }> {
  const { organisationNumber, ...rest } = overrides;
  const number = organisationNumber === undefined ? nextOrganisationNumber() : organisationNumber;
  const res = await t.http
    .post('/api/organisations')
    .set('Authorization', `Bearer ${adminToken}`)
    .send({
      name: 'Region Jämtland Härjedalen',
      kind: 'region',
      ...(number === null ? {} : { organisationNumber: number }),
      ...rest,
    });
  if (res.status !== 201)
    throw new Error(`createOrganisation: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An admin, an organisation and a registrar of that organisation. Corpus tests pass
 * `{ organisationNumber: null }` when the document prints no organisationsnummer.
 */
export async function createRegistry(
  t: TestApp,
  organisation: Partial<{ name: string; kind: string; organisationNumber: string | null }> = {},
): Promise<Registry> {
  const adminToken = await t.tokenFor('admin');
  const created = await createOrganisation(t, adminToken, organisation);
  const registrarToken = await t.tokenFor('registrar', { organisationId: created.id });
  return { adminToken, registrarToken, organisationId: created.id };
}

export async function createBody(
  t: TestApp,
  token: string,
  organisationId: string,
  body: { name: string; shortName: string; kind: string; preparesForBodyId?: string },
): Promise<{ id: string; shortName: string; kind: string }> {
  const res = await t.http
    .post(`/api/organisations/${organisationId}/bodies`)
    .set('Authorization', `Bearer ${token}`)
    .send(body);
  if (res.status !== 201) throw new Error(`createBody: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function createPerson(
  t: TestApp,
  token: string,
  organisationId: string,
  person: { name: string; party?: string; title?: string },
): Promise<{ id: string; name: string; party: string | null }> {
  const res = await t.http
    .post('/api/people')
    .set('Authorization', `Bearer ${token}`)
    .send({ organisationId, ...person });
  if (res.status !== 201)
    throw new Error(`createPerson: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function addMembership(
  t: TestApp,
  token: string,
  bodyId: string,
  membership: { personId: string; role: string; validFrom: string; validTo?: string },
): Promise<{ id: string }> {
  const res = await t.http
    .post(`/api/bodies/${bodyId}/memberships`)
    .set('Authorization', `Bearer ${token}`)
    .send(membership);
  if (res.status !== 201)
    throw new Error(`addMembership: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A board with `size` members (the first is chair) seated from 2023-01-01. */
export async function createBoardWithMembers(
  t: TestApp,
  token: string,
  organisationId: string,
  options: { name: string; shortName: string; kind?: string; size: number; parties?: string[] },
): Promise<{ body: { id: string; shortName: string }; members: { id: string; name: string }[] }> {
  const body = await createBody(t, token, organisationId, {
    name: options.name,
    shortName: options.shortName,
    kind: options.kind ?? 'board',
  });
  const members: { id: string; name: string }[] = [];
  for (let i = 0; i < options.size; i++) {
    const party =
      options.parties?.[i % options.parties.length] ?? ['S', 'M', 'C', 'V', 'KD', 'L'][i % 6];
    const person = await createPerson(t, token, organisationId, {
      name: `Ledamot ${options.shortName} ${i + 1}`,
      party,
    });
    await addMembership(t, token, body.id, {
      personId: person.id,
      role: i === 0 ? 'chair' : 'member',
      validFrom: '2023-01-01',
    });
    members.push(person);
  }
  return { body, members };
}
