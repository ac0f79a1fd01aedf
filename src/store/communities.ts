import type { Db } from "./database.js";

export interface Community {
  id: number;
  platform: string;
  externalId: string;
  name: string;
  timeZone: string;
  defaultDeck: string | null;
}

interface CommunityRow {
  id: number;
  platform: string;
  external_id: string;
  name: string;
  time_zone: string;
  default_deck: string | null;
}

const toCommunity = (row: CommunityRow): Community => ({
  id: row.id,
  platform: row.platform,
  externalId: row.external_id,
  name: row.name,
  timeZone: row.time_zone,
  defaultDeck: row.default_deck,
});

export class CommunityRepository {
  private readonly insert;
  private readonly byExternal;
  private readonly byId;
  private readonly rename;
  private readonly updateTimeZone;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO communities (platform, external_id, name, time_zone, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, external_id) DO NOTHING`,
    );
    this.byExternal = db.prepare<[string, string], CommunityRow>(
      "SELECT * FROM communities WHERE platform = ? AND external_id = ?",
    );
    this.byId = db.prepare<[number], CommunityRow>("SELECT * FROM communities WHERE id = ?");
    this.rename = db.prepare("UPDATE communities SET name = ? WHERE id = ? AND name <> ?");
    this.updateTimeZone = db.prepare("UPDATE communities SET time_zone = ? WHERE id = ?");
  }

  /** The community, created on first contact with the given default time zone. */
  ensure(platform: string, externalId: string, name: string, defaultTimeZone: string, now: Date): Community {
    let row = this.byExternal.get(platform, externalId);
    if (!row) {
      this.insert.run(platform, externalId, name, defaultTimeZone, now.getTime());
      row = this.byExternal.get(platform, externalId) as CommunityRow;
    } else if (name && row.name !== name) {
      this.rename.run(name, row.id, name);
      row = { ...row, name };
    }
    return toCommunity(row);
  }

  /** The community, if it has had any contact with studybot; never writes. */
  find(platform: string, externalId: string): Community | undefined {
    const row = this.byExternal.get(platform, externalId);
    return row ? toCommunity(row) : undefined;
  }

  get(id: number): Community | undefined {
    const row = this.byId.get(id);
    return row ? toCommunity(row) : undefined;
  }

  setTimeZone(id: number, timeZone: string): void {
    this.updateTimeZone.run(timeZone, id);
  }
}
