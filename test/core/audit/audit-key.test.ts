import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditKeyFile, auditKeyFrom, resolveAuditKey, TEST_AUDIT_KEY } from '../../../core/audit/audit-key.ts';

describe('where the audit key comes from', () => {
  it('development without AUDIT_KEY: generated once in the data folder (0600), then reused', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-key-')), 'data');
    const first = resolveAuditKey({ env: 'development', dataDir });
    const file = auditKeyFile(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveAuditKey({ env: 'development', dataDir }).id).toBe(first.id);
    fs.rmSync(path.dirname(dataDir), { recursive: true });
  });

  it('AUDIT_KEY wins; production refuses to run without it; test uses the public test key', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesos-key-'));
    expect(resolveAuditKey({ env: 'production', dataDir, audit: { key: 'p'.repeat(40) } }).id).toBe(auditKeyFrom('p'.repeat(40)).id);
    expect(() => resolveAuditKey({ env: 'production', dataDir })).toThrow(/AUDIT_KEY: required/);
    expect(resolveAuditKey({ env: 'test', dataDir }).id).toBe(auditKeyFrom(TEST_AUDIT_KEY).id);
    expect(fs.existsSync(auditKeyFile(dataDir))).toBe(false);
    fs.rmSync(dataDir, { recursive: true });
  });
});
