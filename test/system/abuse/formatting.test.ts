import { describe, expect, it } from "vitest";
import { text, view } from "../../../src/core/views.js";
import { escapeMarkdown } from "../../../src/platforms/discord/render.js";
import { literalMrkdwn, renderMessage } from "../../../src/platforms/slack/render.js";

/** How Slack shows a mark that must not format: the plain-text fallback of a date token it cannot format. */
const literal = (mark: string) => `<!date^00000000^{_}|${mark}>`;

describe("names and deck text never break formatting", () => {
  it("Slack: formatting marks at word edges and every backtick show as typed; marks inside words stay as they are", () => {
    expect(literalMrkdwn("*boss*")).toBe(`${literal("*")}boss${literal("*")}`);
    expect(literalMrkdwn("_ana_ ~x~")).toBe(`${literal("_")}ana${literal("_")} ${literal("~")}x${literal("~")}`);
    expect(literalMrkdwn("run `rm -rf")).toBe(`run ${literal("`")}rm -rf`);
    expect(literalMrkdwn("SLACK_ADMIN_USERS a*b")).toBe("SLACK_ADMIN_USERS a*b");
    expect(literalMrkdwn("<!here> & *")).toBe(`&lt;!here&gt; &amp; ${literal("*")}`);
  });

  it("Slack: a member named to format a leaderboard, and an option written to, show as typed", () => {
    const rendered = renderMessage(
      view("Leaderboard", "info", [
        {
          type: "ranking",
          rows: [{ rank: 1, user: { externalId: "local", name: "*boss* `x" }, value: "10 pts", isCaller: true }],
          gapBeforeLast: false,
        },
        { type: "options", options: [{ letter: "A", text: "_all_ of *them*" }] },
        text("by ", { user: { externalId: "local-2", name: "~strike~" } }),
      ]),
    );
    const mrkdwn = JSON.stringify(rendered.blocks);
    expect(mrkdwn).toContain(`*1. ${literal("*")}boss${literal("*")} ${literal("`")}x — 10 pts*`);
    expect(mrkdwn).toContain(`${literal("_")}all${literal("_")} of ${literal("*")}them${literal("*")}`);
    expect(mrkdwn).toContain(`@${literal("~")}strike${literal("~")}`);
  });

  it("Discord: markdown, masked links, mentions and list markers in literal text are escaped", () => {
    expect(escapeMarkdown("**boss** __u__ ~~s~~ `c` ||x|| [a](http://b) <@&1> @everyone")).toBe(
      "\\*\\*boss\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\`c\\` \\|\\|x\\|\\| \\[a\\](http://b) \\<@&1> @\u200beveryone",
    );
    expect(escapeMarkdown("# title\n> quote\n- item\n1. first")).toBe("\\# title\n\\> quote\n\\- item\n1\\. first");
  });
});
