// A stored user as the Actor policy works with.
import type { Actor, Role } from './agent/types.ts';

export function actorOf(user: { id: string; email: string; name: string; role: string; timeZone: string; teamId?: string | null }): Actor {
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, timeZone: user.timeZone, teamId: user.teamId ?? null };
}
