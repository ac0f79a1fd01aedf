import type { Db } from "./database.js";
import { FireClaims } from "./fireClaims.js";

export interface DigestRecord {
  id: number;
  communityId: number;
  channelId: string;
  cron: string;
  timeZone: string;
  createdBy: number | null;
  createdAt: Date;
  /** Creation: fire times before it were never due. */
  activeSince: Date;
}

export type NewDigest = Omit<DigestRecord, "id" | "activeSince">;

interface DigestRow {
  id: number;
  community_id: number;
  channel_id: string;
  cron: string;
  time_zone: string;
  created_by: number | null;
  created_at: number;
  active_since: number;
}

const toDigest = (row: DigestRow): DigestRecord => ({
  id: row.id,
  communityId: row.community_id,
  channelId: row.channel_id,
  cron: row.cron,
  timeZone: row.time_zone,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at),
  activeSince: new Date(row.active_since),
});

/** Digests and the fire times claimed for them. */
export class DigestRepository {
  readonly fires: FireClaims;
  private readonly insertDigest;
  private readonly byId;
  private readonly byCommunity;
  private readonly everyDigest;
  private readonly remove;

  constructor(db: Db) {
    this.fires = new FireClaims(db, "digest_fires");
    this.insertDigest = db.prepare(
      `INSERT INTO digests (community_id, channel_id, cron, time_zone, created_by, created_at, active_since)
       VALUES (@communityId, @channelId, @cron, @timeZone, @createdBy, @createdAt, @createdAt)`,
    );
    this.byId = db.prepare<[number], DigestRow>("SELECT * FROM digests WHERE id = ?");
    this.byCommunity = db.prepare<[number], DigestRow>("SELECT * FROM digests WHERE community_id = ? ORDER BY id");
    this.everyDigest = db.prepare<[], DigestRow>("SELECT * FROM digests ORDER BY id");
    this.remove = db.prepare("DELETE FROM digests WHERE id = ?");
  }

  insert(digest: NewDigest): DigestRecord {
    const { lastInsertRowid } = this.insertDigest.run({ ...digest, createdAt: digest.createdAt.getTime() });
    return this.get(Number(lastInsertRowid)) as DigestRecord;
  }

  get(id: number): DigestRecord | undefined {
    const row = this.byId.get(id);
    return row ? toDigest(row) : undefined;
  }

  forCommunity(communityId: number): DigestRecord[] {
    return this.byCommunity.all(communityId).map(toDigest);
  }

  all(): DigestRecord[] {
    return this.everyDigest.all().map(toDigest);
  }

  delete(id: number): void {
    this.remove.run(id);
  }
}
