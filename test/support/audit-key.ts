// The audit key tests use: the same public test key SalesOS itself takes when NODE_ENV=test.
import { auditKeyFrom, TEST_AUDIT_KEY } from '../../core/audit/audit-key.ts';

export const testAuditKey = auditKeyFrom(TEST_AUDIT_KEY);
