import type { UserRef } from "../core/views.js";
import type { Db } from "./database.js";

export interface Member extends UserRef {
  id: number;
  communityId: number;
}

interface UserRow {
  id: number;
  community_id: number;
  external_id: string;
  display_name: string;
}

const toMember = (row: UserRow): Member => ({
  id: row.id,
  communityId: row.community_id,
  externalId: row.external_id,
  name: row.display_name,
});

/** A community a person belongs to, as one of the places they study. */
export interface StudyPlace {
  communityExternalId: string;
  communityName: string;
  /** Their last review there (a drill rating or a quiz answer), if any. */
  lastStudiedAt?: Date;
}

export class UserRepository {
  private readonly insert;
  private readonly byExternal;
  private readonly byId;
  private readonly byName;
  private readonly rename;
  private readonly placesOfPerson;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO users (community_id, external_id, display_name) VALUES (?, ?, ?)
       ON CONFLICT (community_id, external_id) DO NOTHING`,
    );
    this.byExternal = db.prepare<[number, string], UserRow>(
      "SELECT * FROM users WHERE community_id = ? AND external_id = ?",
    );
    this.byId = db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?");
    this.byName = db.prepare<[number, string], UserRow>(
      "SELECT * FROM users WHERE community_id = ? AND display_name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
    );
    this.rename = db.prepare("UPDATE users SET display_name = ? WHERE id = ?");
    // review_log_by_card starts with user_id: each member's last review is a short index range.
    this.placesOfPerson = db.prepare<[string, string], { external_id: string; name: string; last: number | null }>(
      `SELECT c.external_id, c.name, (SELECT max(r.reviewed_at) FROM review_log r WHERE r.user_id = u.id) AS last
       FROM users u JOIN communities c ON c.id = u.community_id
       WHERE c.platform = ? AND u.external_id = ?
       ORDER BY last IS NULL, last DESC, c.id`,
    );
  }

  /** The member's row, created on first contact; a changed display name is kept up to date. */
  ensure(communityId: number, externalId: string, name: string): Member {
    let row = this.byExternal.get(communityId, externalId);
    if (!row) {
      this.insert.run(communityId, externalId, name);
      row = this.byExternal.get(communityId, externalId) as UserRow;
    } else if (name && row.display_name !== name) {
      this.rename.run(name, row.id);
      row = { ...row, display_name: name };
    }
    return toMember(row);
  }

  get(id: number): Member | undefined {
    const row = this.byId.get(id);
    return row ? toMember(row) : undefined;
  }

  findByExternalId(communityId: number, externalId: string): Member | undefined {
    const row = this.byExternal.get(communityId, externalId);
    return row ? toMember(row) : undefined;
  }

  /** The communities of one platform a person is a member of, where they studied last first. */
  placesOf(platform: string, externalUserId: string): StudyPlace[] {
    return this.placesOfPerson.all(platform, externalUserId).map((row) => ({
      communityExternalId: row.external_id,
      communityName: row.name,
      ...(row.last !== null ? { lastStudiedAt: new Date(row.last) } : {}),
    }));
  }

  findByName(communityId: number, name: string): Member | undefined {
    const row = this.byName.get(communityId, name);
    return row ? toMember(row) : undefined;
  }
}
