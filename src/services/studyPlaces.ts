import { errorView, type View } from "../core/views.js";
import type { StudyPlace } from "../store/users.js";
import type { Services } from "./services.js";

export type { StudyPlace };

/**
 * The communities of one platform a person belongs to, where they studied
 * last first. Adds nobody; it settles the quiz answers still waiting first,
 * as every reader of study history does: a burst's answer a moment ago is
 * where they studied last.
 */
export function studyPlacesOf(services: Services, platform: string, userId: string): StudyPlace[] {
  services.settlement.settleAll();
  return services.store.users.placesOf(platform, userId);
}

/**
 * Personal commands (drill, stats, me) also come from outside any community:
 * a direct message with the bot. They run for one of the communities the
 * person belongs to: the one they chose, else the one they studied in last.
 * Only their own communities: naming another gets a refusal, not its data.
 */
export function studyPlaceFor(
  services: Services,
  platform: string,
  userId: string,
  chosen?: string,
): StudyPlace | View {
  const places = studyPlacesOf(services, platform, userId);
  if (places.length === 0) {
    return errorView(
      "You have not used studybot in a server yet.",
      "Run /drill once in a channel of a server with studybot; after that it works here too.",
    );
  }
  if (chosen === undefined || chosen === "") return places[0] as StudyPlace;
  const place = places.find((each) => each.communityExternalId === chosen || each.communityName === chosen);
  return (
    place ??
    errorView(
      "You have not studied in that server.",
      `Pick one of yours: ${places.map((each) => each.communityName || each.communityExternalId).join(", ")}.`,
    )
  );
}
