// Roles and permissions. A tool declares the permission it needs; a role that lacks it is never offered
// the tool and is refused if it asks anyway. Which leads a role sees is a LeadScope, enforced in SQL.
import type { Actor, Role } from './agent/types.ts';

export type Permission =
  | 'leads:read'
  | 'leads:write'
  | 'leads:enrich'
  | 'email:assist'
  | 'usage:read'
  | 'digest:manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  rep: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read'],
  manager: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage'],
  admin: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** What a read-only actor never gets: changing leads (enrichment writes them too) and digest schedules. */
const REFUSED_TO_READ_ONLY: ReadonlySet<Permission> = new Set(['leads:write', 'leads:enrich', 'digest:manage']);

/** `can` for a person: their role's grants, minus every write for a read-only actor. */
export function actorCan(actor: Pick<Actor, 'role' | 'readOnly'>, permission: Permission): boolean {
  return can(actor.role, permission) && !(actor.readOnly && REFUSED_TO_READ_ONLY.has(permission));
}
