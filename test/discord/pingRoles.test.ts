import { describe, expect, it } from "vitest";
import { findPingRole, type RoleFacts } from "../../src/platforms/discord/pingRoles.js";
import { UserError } from "../../src/services/ports.js";

const SERVER = "1200000000000000001";
const ROLES: RoleFacts[] = [
  { id: SERVER, name: "@everyone", mentionable: true },
  { id: "1200000000000000101", name: "students", mentionable: true },
  { id: "1200000000000000102", name: "Study Group", mentionable: false },
];
const rights = { everyoneId: SERVER, mayMentionAll: false };

function refusal(call: () => unknown): UserError {
  try {
    call();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the role a schedule pings", () => {
  it("is found by mention or by name, any case", () => {
    const students = { id: "1200000000000000101", label: "students" };
    expect(findPingRole(ROLES, rights, { kind: "role", id: students.id })).toStrictEqual(students);
    expect(findPingRole(ROLES, rights, { kind: "name", name: "Students" })).toStrictEqual(students);
  });

  it("is never @everyone, by id or by name", () => {
    expect(refusal(() => findPingRole(ROLES, rights, { kind: "role", id: SERVER })).message).toContain(
      "never pings @everyone",
    );
    expect(refusal(() => findPingRole(ROLES, rights, { kind: "name", name: "@everyone" })).message).toContain(
      "There is no role",
    );
  });

  it("must be mentionable, unless studybot may mention every role; the hint quotes a name with spaces", () => {
    const refused = refusal(() => findPingRole(ROLES, rights, { kind: "name", name: "study group" }));
    expect(refused.message).toContain("studybot may not mention @Study Group");
    expect(refused.hint).toContain('schedule add 0 9 * * 1-5 ping "Study Group"');
    expect(findPingRole(ROLES, { ...rights, mayMentionAll: true }, { kind: "name", name: "study group" })).toEqual({
      id: "1200000000000000102",
      label: "Study Group",
    });
  });

  it("an unknown role or a Slack user group is refused with a role that works", () => {
    const unknown = refusal(() => findPingRole(ROLES, rights, { kind: "name", name: "teachers" }));
    expect(unknown.message).toBe('There is no role "teachers" in this server (studybot never pings @everyone).');
    expect(unknown.hint).toContain("schedule add 0 9 * * 1-5 ping @students");
    expect(refusal(() => findPingRole(ROLES, rights, { kind: "group", id: "S0123" })).message).toContain(
      "pings a role, not a user group",
    );
  });
});
