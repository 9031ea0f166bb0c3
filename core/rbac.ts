// Roles and permissions. A tool declares the permission it needs; a role that lacks it is never offered
// the tool and is refused if it asks anyway. Which leads a role sees is a LeadScope, enforced in SQL.
import type { Actor, Role } from './agent/types.ts';

export const PERMISSIONS = [
  'leads:read',
  'leads:write',
  'leads:enrich',
  'email:assist',
  'usage:read',
  'digest:manage',
  'offer:manage',
  /** Recompute every fit score a manager's team sees from a model of their outcomes. */
  'leads:rescore',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export function isPermission(p: unknown): p is Permission {
  return (PERMISSIONS as readonly unknown[]).includes(p);
}

/**
 * Permissions whose tools change what is stored for people (lead status and notes, a manager's digest
 * schedule). A tool with one of these cannot be defined without a confirmation step (tools/tool.ts).
 * leads:enrich only fills empty fields, charged through CostGuard and recorded in the enrichment history.
 */
export const WRITE_PERMISSIONS = ['leads:write', 'digest:manage', 'offer:manage', 'leads:rescore'] as const satisfies readonly Permission[];
export type WritePermission = (typeof WRITE_PERMISSIONS)[number];
export type ReadPermission = Exclude<Permission, WritePermission>;

export function isWritePermission(p: Permission): p is WritePermission {
  return (WRITE_PERMISSIONS as readonly Permission[]).includes(p);
}

const GRANTS: Record<Role, readonly Permission[]> = {
  rep: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read'],
  manager: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage', 'offer:manage', 'leads:rescore'],
  admin: ['leads:read', 'leads:write', 'leads:enrich', 'email:assist', 'usage:read', 'digest:manage', 'offer:manage', 'leads:rescore'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** What a read-only actor never gets: changing leads (enrichment writes them too) and digest schedules. */
const REFUSED_TO_READ_ONLY: ReadonlySet<Permission> = new Set([...WRITE_PERMISSIONS, 'leads:enrich']);

/** `can` for a person: their role's grants, minus every write for a read-only actor. */
export function actorCan(actor: Pick<Actor, 'role' | 'readOnly'>, permission: Permission): boolean {
  return can(actor.role, permission) && !(actor.readOnly && REFUSED_TO_READ_ONLY.has(permission));
}
