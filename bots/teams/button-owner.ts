// Buttons belong to the person the card was made for. Each SalesOS button on an outgoing card carries its
// owner's Teams user id (the channel-scoped `29:` id, present on every activity, unlike the AAD object id);
// a click by anyone else is refused before it can spend the button. This is a courtesy rule for shared
// chats: confirmations are also checked server-side against their owner, whatever the card says.
const OWNER_FIELD = 'salesosOwner';

/** Adds the owner to the `data` of every SalesOS button in the activity's cards (in place; returns it). */
export function stampOwner<T extends { attachments?: { content?: unknown }[] }>(activity: T, ownerTeamsUserId: string | undefined): T {
  if (!ownerTeamsUserId) return activity;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const data = (node as { data?: unknown }).data;
    if (data && typeof data === 'object' && 'salesos' in data) (data as Record<string, unknown>)[OWNER_FIELD] = ownerTeamsUserId;
    for (const value of Object.values(node)) visit(value);
  };
  for (const attachment of activity.attachments ?? []) visit(attachment.content);
  return activity;
}

/** The owner a clicked button carries, if it was stamped. */
export function buttonOwnerOf(data: unknown): string | undefined {
  const owner = (data as Record<string, unknown> | undefined)?.[OWNER_FIELD];
  return typeof owner === 'string' ? owner : undefined;
}
