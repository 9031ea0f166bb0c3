// Roles and permissions. A tool declares the permission it needs; a role that lacks it is never offered
// the tool and is refused if it asks anyway. Which leads a role sees is a LeadScope, enforced in SQL.
import type { Role } from './agent/types.ts';

export type Permission =
  | 'leads:read'
  | 'leads:write'
  | 'leads:enrich'
  | 'email:assist'
  | 'usage:read'
  | 'digest:manage'
  | 'offer:manage';

const GRANTS: Record<Role, readonly Permission[]> = {
  rep: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read'],
  manager: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage', 'offer:manage'],
  admin: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage', 'offer:manage'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
