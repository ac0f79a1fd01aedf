import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { openApp } from "./app.js";
import { loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { CONSOLE_PLATFORM } from "./platforms/console/consoleBot.js";
import { REPORT_DAYS } from "./services/pictureService.js";
import { UserError } from "./services/ports.js";

export const RENDER_USAGE = `Usage: studybot render stats --user NAME [--community PLATFORM:ID] [--out FILE.png]
       studybot render report [--deck ID] [--days N] [--community PLATFORM:ID] [--out FILE.png]
  The community defaults to the terminal's (${CONSOLE_PLATFORM}:local); e.g. --community discord:123456789012345678.`;

const OPTIONS = {
  user: { type: "string" },
  deck: { type: "string" },
  days: { type: "string" },
  community: { type: "string", default: `${CONSOLE_PLATFORM}:local` },
  out: { type: "string" },
} as const;

function usageError(problem: string): never {
  throw new UserError(problem, RENDER_USAGE);
}

/** `studybot render stats|report …`: draws a stats card or a report chart from the database into a PNG file. */
export async function renderCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch (error) {
    usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [what, extra] = positionals;
  if ((what !== "stats" && what !== "report") || extra !== undefined) usageError("Say what to draw: stats or report.");
  const days = values.days === undefined ? REPORT_DAYS : Number(values.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) usageError(`--days takes 1 to 366, not "${values.days}".`);
  const [platform = "", ...idParts] = values.community.split(":");
  const communityId = idParts.join(":");
  if (!platform || !communityId) usageError(`--community takes PLATFORM:ID, not "${values.community}".`);

  const config = loadConfig();
  const logger = createLogger("warn");
  const app = await openApp(config, { logger, fallbackTimeZone: "UTC", commandRateLimit: null });
  try {
    const { services } = app;
    const now = services.clock.now();
    const community = services.store.communities.find(platform, communityId);
    if (!community) throw new UserError(`studybot has no community ${platform}:${communityId} in this database.`);
    let png: Buffer;
    let file: string;
    if (what === "stats") {
      if (!values.user) usageError("render stats needs --user NAME.");
      const member = services.store.users.findByName(community.id, values.user);
      if (!member) throw new UserError(`Nobody named "${values.user}" has studied in ${platform}:${communityId}.`);
      png = await services.pictures.statsCardPng(services.pictures.statsCardData(community, member, now));
      file = values.out ?? `stats-${member.name.replace(/[^\p{L}\p{N}_-]+/gu, "_")}.png`;
    } else {
      const request = { days, ...(values.deck ? { deckId: values.deck } : {}) };
      png = await services.pictures.reportChartPng(services.pictures.reportChartData(community, request, now));
      file = values.out ?? "report.png";
    }
    writeFileSync(file, png);
    out(`Wrote ${resolve(file)} (${png.length} bytes).\n`);
    return 0;
  } finally {
    app.close();
  }
}
