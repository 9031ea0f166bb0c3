// The lead_imports table: one row per `salesos import`, updated after every written batch.
import type { PrismaClient } from './generated/client.ts';

export type LeadImportState = 'running' | 'completed' | 'failed' | 'interrupted';

export interface LeadImportRow {
  id: string;
  file: string;
  fileSha256: string;
  source: string;
  encoding: string;
  state: LeadImportState;
  rowsSeen: number;
  imported: number;
  rejected: number;
  error: string | null;
  host: string;
  pid: number;
  resumesId: string | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface ImportCounts {
  rowsSeen: number;
  imported: number;
  rejected: number;
}

export class LeadImportRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async start(data: {
    file: string;
    fileSha256: string;
    source: string;
    encoding: string;
    host: string;
    pid: number;
    resumesId?: string;
  }): Promise<LeadImportRow> {
    return (await this.prisma.leadImport.create({ data })) as LeadImportRow;
  }

  async progress(id: string, counts: ImportCounts): Promise<void> {
    await this.prisma.leadImport.update({ where: { id }, data: { ...counts, updatedAt: new Date() } });
  }

  async finish(id: string, state: Exclude<LeadImportState, 'running'>, counts: ImportCounts | undefined, error?: string): Promise<void> {
    const now = new Date();
    await this.prisma.leadImport.update({ where: { id }, data: { ...(counts ?? {}), state, error: error ?? null, updatedAt: now, finishedAt: now } });
  }

  async running(): Promise<LeadImportRow[]> {
    return (await this.prisma.leadImport.findMany({ where: { state: 'running' } })) as LeadImportRow[];
  }

  async markInterrupted(ids: string[]): Promise<void> {
    if (ids.length) await this.prisma.leadImport.updateMany({ where: { id: { in: ids }, state: 'running' }, data: { state: 'interrupted' } });
  }

  /** The newest interrupted run of the same file content not yet completed by a later run. */
  async interruptedRunOf(fileSha256: string): Promise<LeadImportRow | undefined> {
    const row = await this.prisma.leadImport.findFirst({ where: { fileSha256, state: 'interrupted' }, orderBy: { startedAt: 'desc' } });
    if (!row) return undefined;
    const completedLater = await this.prisma.leadImport.count({ where: { fileSha256, state: 'completed', startedAt: { gt: row.startedAt } } });
    return completedLater ? undefined : (row as LeadImportRow);
  }

  async recent(limit: number): Promise<LeadImportRow[]> {
    return (await this.prisma.leadImport.findMany({ orderBy: { startedAt: 'desc' }, take: limit })) as LeadImportRow[];
  }
}
