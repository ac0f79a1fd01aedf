/**
 * A user named in a command: a platform mention (`<@123>`, `<@!123>`, Slack's
 * `<@U123|ana>`) carries an id; anything else is a display name (`@ana` or `ana`).
 */
export type UserToken = { kind: "id"; id: string } | { kind: "name"; name: string };

const MENTION = /^<@!?([A-Za-z0-9]+)(?:\|[^>]*)?>$/;

export function parseUserToken(token: string): UserToken {
  const mention = MENTION.exec(token.trim());
  if (mention?.[1]) return { kind: "id", id: mention[1] };
  return { kind: "name", name: token.trim().replace(/^@/, "") };
}
