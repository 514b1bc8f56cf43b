import { createBody, createOrganisation } from '../factories';
import type { TestApp } from '../test-app';

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A municipality with its council (kommunfullmäktige), as the corpus documents name them. */
export async function municipalityWithCouncil(
  t: TestApp,
  name: string,
): Promise<{ token: string; organisationId: string; councilId: string }> {
  const adminToken = await t.tokenFor('admin');
  const organisation = await createOrganisation(t, adminToken, {
    name,
    kind: 'municipality',
    organisationNumber: null, // no corpus motion document prints one
  });
  const token = await t.tokenFor('registrar', { organisationId: organisation.id });
  const council = await createBody(t, token, organisation.id, {
    name: 'Kommunfullmäktige',
    shortName: 'KF',
    kind: 'council',
  });
  return { token, organisationId: organisation.id, councilId: council.id };
}

export async function post(
  t: TestApp,
  token: string,
  url: string,
  body: Record<string, unknown>,
): Promise<Record<string, any>> {
  const res = await t.http.post(url).set(auth(token)).send(body);
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}
