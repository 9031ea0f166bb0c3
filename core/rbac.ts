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

/** Permissions that change data or send something: never granted to a read-only actor. */
const WRITE_PERMISSIONS: ReadonlySet<Permission> = new Set(['leads:write', 'leads:enrich', 'digest:manage']);

/** `can` for a person: their role's grants, minus every write for a read-only actor. */
export function actorCan(actor: Pick<Actor, 'role' | 'readOnly'>, permission: Permission): boolean {
  return can(actor.role, permission) && !(actor.readOnly && WRITE_PERMISSIONS.has(permission));
}
