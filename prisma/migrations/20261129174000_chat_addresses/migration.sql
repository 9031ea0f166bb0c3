-- Outbound addresses in one neutral shape: each platform identity keeps where a bot can write to it
-- unasked as one JSON "address" that only its platform reads, instead of one column per platform.
-- Existing addresses move: Slack's DM channel becomes {"channel": "D…"}, Teams' stored
-- ConversationReference becomes the address as it is.
ALTER TABLE "platform_identities" ADD COLUMN "address" JSONB;

UPDATE "platform_identities" SET "address" = jsonb_build_object('channel', "slackDmChannelId")
WHERE "platform" = 'slack' AND "slackDmChannelId" IS NOT NULL;

UPDATE "platform_identities" SET "address" = "teamsConversation"
WHERE "platform" = 'teams' AND "teamsConversation" IS NOT NULL;

ALTER TABLE "platform_identities" DROP COLUMN "slackDmChannelId",
DROP COLUMN "teamsConversation";
