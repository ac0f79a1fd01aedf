import { describe, expect, it } from "vitest";
import { fieldLayout } from "../../src/core/importers/ankiTemplates.js";

const BASIC = ["Front", "Back"];

describe("Anki card templates: which fields make front and back", () => {
  it("Basic: the first field asks, the second answers", () => {
    expect(fieldLayout(BASIC, { front: "{{Front}}", back: "{{FrontSide}}<hr id=answer>{{Back}}" })).toEqual({
      front: [0],
      back: [1],
      rest: [],
    });
  });

  it("a reversed card asks with the back field", () => {
    expect(fieldLayout(BASIC, { front: "{{Back}}", back: "{{FrontSide}}<hr id=answer>{{Front}}" })).toEqual({
      front: [1],
      back: [0],
      rest: [],
    });
  });

  it("fields named in the template, in the template's order; filters read, sections and typing boxes not shown", () => {
    const fields = ["Meaning", "Word", "Example", "Reading", "Notes", "Audio"];
    const template = {
      front:
        "<div class=big>{{Word}}</div>{{#Reading}}<br>{{furigana:Reading}}{{/Reading}}{{type:Meaning}}{{tts ja_JP:Word}}",
      back: "{{FrontSide}}<hr id=answer>{{Meaning}}<div>{{text:Example}}</div>{{Audio}}{{Tags}}",
    };
    expect(fieldLayout(fields, template)).toEqual({ front: [1, 3], back: [0, 2, 5], rest: [4] });
  });

  it("a cloze template: the text asks, the extra answers", () => {
    expect(
      fieldLayout(["Text", "Back Extra"], { front: "{{cloze:Text}}", back: "{{cloze:Text}}<br>\n{{Back Extra}}" }),
    ).toEqual({ front: [0], back: [1], rest: [] });
  });

  it("without a template, or a side that shows no field, the first two fields stand in", () => {
    const fields = ["Front", "Back", "Extra"];
    expect(fieldLayout(fields, undefined)).toEqual({ front: [0], back: [1], rest: [2] });
    expect(fieldLayout(fields, { front: "{{type:Back}}", back: "{{FrontSide}}" })).toEqual({
      front: [0],
      back: [1],
      rest: [2],
    });
    expect(fieldLayout(fields, { front: "{{Extra}}", back: "{{FrontSide}}" })).toEqual({
      front: [2],
      back: [0],
      rest: [1],
    });
  });
});
