-- Replies a chat platform did not take as asked (undeliverable, or moved to the rep's DM) are audited (issue 21).
ALTER TYPE "AuditKind" ADD VALUE 'delivery';
