import type { webApi } from "@slack/bolt";
import type { Actor } from "../../services/ports.js";
import type { Logger } from "../../services/ports.js";

export const SLACK_PLATFORM = "slack";

export interface SlackPerson {
  name: string;
  /** Workspace admins and owners, and the user ids in SLACK_ADMIN_USERS. */
  isAdmin: boolean;
  /** The IANA zone of their Slack profile (users.info's tz). */
  timeZone?: string;
}

/** Where a Slack payload came from and who sent it. */
export interface SlackOrigin {
  teamId: string;
  teamName?: string;
  channelId: string;
  userId: string;
  /** The payload's own user name, used when users.info cannot be read. */
  fallbackName?: string;
}

/** The origin of a modal's submission: its submitter, in the channel the form was opened from. */
export function submittedFrom(body: { user: { id: string; name: string } }, teamId: string, channelId: string) {
  return { teamId, channelId, userId: body.user.id, fallbackName: body.user.name } satisfies SlackOrigin;
}

/**
 * Who a Slack user is: the display name people recognise on leaderboards and
 * whether they are an admin, from users.info. Cached for a few minutes, so a
 * burst of clicks costs one API call per person, and a promotion or rename
 * shows up soon without a restart.
 */
export class SlackUsers {
  private readonly cache = new Map<string, { person: SlackPerson; expiresAt: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly configuredAdmins: ReadonlySet<string>,
    private readonly logger: Logger,
    private readonly ttlMs = 5 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  async person(userId: string, fallbackName?: string): Promise<SlackPerson> {
    const cached = this.cache.get(userId);
    if (cached && cached.expiresAt > this.now()) return cached.person;
    try {
      const { user } = await this.client.users.info({ user: userId });
      const profile = user?.profile;
      const person = {
        name: profile?.display_name || profile?.real_name || user?.real_name || user?.name || fallbackName || userId,
        isAdmin:
          this.configuredAdmins.has(userId) || Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner),
        ...(user?.tz ? { timeZone: user.tz } : {}),
      };
      this.cache.set(userId, { person, expiresAt: this.now() + this.ttlMs });
      return person;
    } catch (error) {
      // Without users.info the person can still answer and use commands; only admin rights need the lookup.
      this.logger.warn({ err: error, userId }, "users.info failed; using the payload's name");
      return { name: fallbackName || userId, isAdmin: this.configuredAdmins.has(userId) };
    }
  }

  async actor(origin: SlackOrigin): Promise<Actor> {
    const person = await this.person(origin.userId, origin.fallbackName);
    return {
      platform: SLACK_PLATFORM,
      communityId: origin.teamId,
      ...(origin.teamName ? { communityName: origin.teamName } : {}),
      channelId: origin.channelId,
      userId: origin.userId,
      userName: person.name,
      isAdmin: person.isAdmin,
      ...(person.timeZone ? { profileTimeZone: person.timeZone } : {}),
    };
  }
}
