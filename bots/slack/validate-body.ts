// What a signed Slack body must hold before Bolt sees it: a signature proves who sent it, not that it is
// well formed. A body that is not an object, or lacks what its type needs, is answered 400 here instead of
// failing inside a listener as a 500.
import { z } from 'zod';

const id = z.string().min(1).max(255);
const object = z.record(z.string(), z.unknown());

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(1_000) });
const eventCallback = z.object({
  type: z.literal('event_callback'),
  team_id: id.optional(),
  event_id: id.optional(),
  event: z.object({ type: id }).catchall(z.unknown()),
});
const slashCommand = z.object({
  command: z.string().regex(/^\/[\w-]{1,31}$/),
  team_id: id,
  channel_id: id,
  user_id: id,
  text: z.string().max(40_000),
  trigger_id: id.optional(),
  response_url: z.string().url().optional(),
});
/** Interactive payloads name their workspace in `team` (null for org-wide installs, then `user.team_id`). */
const interactiveUser = z.object({ id, team_id: id.optional() }).catchall(z.unknown());
const hasTeam = (b: { team?: { id: string } | null; user: { team_id?: string } }) => Boolean(b.team?.id ?? b.user.team_id);
const blockActions = z
  .object({
    type: z.literal('block_actions'),
    team: z.object({ id }).catchall(z.unknown()).nullable().optional(),
    user: interactiveUser,
    actions: z.array(z.object({ action_id: id }).catchall(z.unknown())).min(1),
  })
  .refine(hasTeam, { message: 'no team', path: ['team'] });
/** Interactive payloads SalesOS does not act on (no modals, shortcuts or menus): acknowledged without Bolt. */
const IGNORED_TYPES = ['view_submission', 'view_closed', 'shortcut', 'message_action', 'block_suggestion', 'interactive_message', 'dialog_submission'] as const;
const otherInteractive = z.object({ type: z.enum(IGNORED_TYPES) });
const appRateLimited = z.object({ type: z.literal('app_rate_limited') });

/** A valid body SalesOS has no listener for: answer 200 and do not hand it to Bolt. */
export function ignoredSlackBody(body: Record<string, unknown>): boolean {
  return body.command === undefined && ((IGNORED_TYPES as readonly unknown[]).includes(body.type) || body.type === 'app_rate_limited');
}

/** Undefined when the body may go to Bolt; otherwise what is wrong, for the 400 answer. */
export function invalidSlackBody(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object or a form';
  const b = body as Record<string, unknown>;
  if (b.ssl_check !== undefined) return undefined;
  const schema =
    b.command !== undefined
      ? slashCommand
      : b.type === 'url_verification'
        ? urlVerification
        : b.type === 'event_callback'
          ? eventCallback
          : b.type === 'block_actions'
            ? blockActions
            : b.type === 'app_rate_limited'
              ? appRateLimited
              : otherInteractive;
  const parsed = schema.safeParse(b);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const kind = typeof b.command === 'string' ? 'slash command' : typeof b.type === 'string' ? `"${b.type.slice(0, 40)}" body` : 'body';
  return `the ${kind} is missing or has a bad ${issue.path.join('.') || 'type'}`;
}
