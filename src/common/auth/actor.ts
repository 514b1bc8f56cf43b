export const ROLES = ['admin', 'registrar', 'politician'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making the request. Anonymous users only see what is published. */
export interface Actor {
  userId: string | null;
  role: Role | 'anonymous';
  organisationId: string | null;
  personId: string | null;
}

export const ANONYMOUS: Actor = Object.freeze({
  userId: null,
  role: 'anonymous',
  organisationId: null,
  personId: null,
});
