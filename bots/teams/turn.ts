// Our own view of a Teams turn: the activity fields SalesOS reads, and what a flow may do in the
// conversation. adapter.ts is the only file that knows botbuilder; it hands every flow a TeamsTurn, so a
// move to another Teams SDK replaces adapter.ts and nothing else.

export interface TeamsAccount {
  id: string;
  name?: string;
  /** The Entra (AAD) object id; absent in the emulator and sometimes in Teams itself. */
  aadObjectId?: string;
}

export interface TeamsConversation {
  id: string;
  /** personal (1:1), groupChat or channel. */
  conversationType?: string;
  tenantId?: string;
}

export interface TeamsEntity {
  type: string;
  [field: string]: unknown;
}

export interface TeamsAttachment {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
}

/** An inbound activity as the channel sent it (untrusted: every field may be missing). */
export interface TeamsActivity {
  type?: string;
  id?: string;
  /** Invokes: what is invoked (adaptiveCard/action, message/submitAction). */
  name?: string;
  /** installationUpdate: add, remove, add-upgrade, … */
  action?: string;
  text?: string;
  value?: unknown;
  channelId?: string;
  serviceUrl?: string;
  locale?: string;
  localTimezone?: string;
  /** The message this activity answers (a card's button, a rating). */
  replyToId?: string;
  from?: TeamsAccount;
  recipient?: TeamsAccount;
  conversation?: TeamsConversation;
  membersAdded?: TeamsAccount[];
  membersRemoved?: TeamsAccount[];
  entities?: TeamsEntity[];
  attachments?: TeamsAttachment[];
  // biome-ignore lint/suspicious/noExplicitAny: channel-specific JSON (tenant, stream info, our own ids), read defensively where used
  channelData?: any;
}

/** An activity the bot sends: a message, a typing indicator or streaming update, or a new version of a sent card. */
export interface OutgoingActivity {
  type?: string;
  id?: string;
  text?: string;
  textFormat?: string;
  attachments?: TeamsAttachment[];
  entities?: TeamsEntity[];
  channelData?: Record<string, unknown>;
  suggestedActions?: unknown;
}

/**
 * Where a bot can write to a conversation later (Bot Framework's ConversationReference, stored as JSON
 * as the identity's address): proactive messages and late card updates.
 */
export interface ConversationAddress {
  serviceUrl?: string;
  channelId?: string;
  conversation?: TeamsConversation;
  user?: TeamsAccount;
  bot?: TeamsAccount;
  activityId?: string;
  locale?: string;
}

/** A member's profile from Teams' member API. */
export interface TeamsMember {
  name?: string;
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
}

export interface TeamsTurn {
  readonly activity: TeamsActivity;
  /** Resolves with the id the channel gave the sent activity. */
  sendActivity(activity: OutgoingActivity): Promise<{ id?: string } | undefined>;
  updateActivity(activity: OutgoingActivity & { id: string }): Promise<void>;
  /** A conversation member's profile (Teams only; throws elsewhere or when the lookup fails). */
  member(userId: string): Promise<TeamsMember>;
  /** This conversation, to write to it after the turn ended. */
  conversationAddress(): ConversationAddress;
}

/** The HTTP answer to an invoke. */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

/** What an Action.Execute answers with: a card to show instead, a message for the clicker, or an error. */
export interface CardActionAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

/** The SalesOS flows for each kind of activity; adapter.ts dispatches to them. */
export interface TeamsRoutes {
  message(turn: TeamsTurn): Promise<void>;
  /** conversationUpdate with members added (the bot among them on install). */
  membersAdded(turn: TeamsTurn): Promise<void>;
  membersRemoved(turn: TeamsTurn): Promise<void>;
  installationAdded(turn: TeamsTurn): Promise<void>;
  installationRemoved(turn: TeamsTurn): Promise<void>;
  /** An invoke other than a card action; undefined leaves it to the SDK's default answer. */
  invoke(turn: TeamsTurn): Promise<InvokeAnswer | undefined>;
  /** Action.Execute on one of our cards, with the button's data. */
  cardAction(turn: TeamsTurn, data: unknown): Promise<CardActionAnswer>;
}
