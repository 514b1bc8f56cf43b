import type { TestApp } from '../test-app';

export const GRANTOR = 'Delegationen för en effektiv hälso- och sjukvård, Kammarkollegiet';
export const LEGAL_BASIS =
  'Förordning (2024:1102) om tillfälligt statsbidrag för en effektiv hälso- och sjukvård';

/** Öre from whole kronor, as amounts are written in the seed documents. */
export const kronor = (kr: number): number => kr * 100;

export type CreatedApplication = {
  id: string;
  applicants: { id: string; isLead: boolean; organisation: { id: string } }[];
} & Record<string, unknown>;

export async function createApplication(
  t: TestApp,
  token: string,
  body: Record<string, unknown>,
): Promise<CreatedApplication> {
  const res = await t.http
    .post('/api/grant-applications')
    .set('Authorization', `Bearer ${token}`)
    .send({ grantor: GRANTOR, legalBasis: LEGAL_BASIS, ...body });
  if (res.status !== 201) {
    throw new Error(`createApplication: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export function applicantOf(
  app: { applicants: { id: string; organisation: { id: string } }[] },
  organisationId: string,
): string {
  const found = app.applicants.find((a) => a.organisation.id === organisationId);
  if (!found) throw new Error(`no applicant for ${organisationId}`);
  return found.id;
}
