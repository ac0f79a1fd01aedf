/**
 * Which of a note's fields a card shows on its front and on its back, read
 * from its note type's card template: Anki draws a card from the template,
 * not from the order of the fields, so a template whose front is `{{Back}}`
 * (a reversed card) or names fields (`{{Word}}<br>{{Reading}}`) decides what
 * the learner is asked.
 */

export interface CardTemplate {
  /** Anki's question format (`qfmt`). */
  front: string;
  /** Anki's answer format (`afmt`), usually starting with `{{FrontSide}}`. */
  back: string;
}

/** Field indexes: shown on the front, shown on the back only, and shown on neither (kept as extras). */
export interface FieldLayout {
  front: number[];
  back: number[];
  rest: number[];
}

/**
 * Filters whose output is not the field's text: `type:` is the box the
 * learner types the answer in, `tts` only speaks it.
 */
const NOT_SHOWN_FILTER = /^(?:type|tts\b.*)$/i;

/** The fields a template shows, by index, in the order it shows them. */
function shownFields(template: string, fieldNames: readonly string[]): number[] {
  const shown: number[] = [];
  for (const [, inside = ""] of template.matchAll(/\{\{([^{}]*)\}\}/g)) {
    // {{#Field}}…{{/Field}} and {{^Field}} only show or hide what is between them; {{!…}} is a comment.
    if (/^\s*[#^/!]/.test(inside)) continue;
    const parts = inside.split(":");
    const name = (parts.pop() ?? "").trim();
    if (parts.some((filter) => NOT_SHOWN_FILTER.test(filter.trim()))) continue;
    const index = fieldNames.indexOf(name);
    if (index >= 0 && !shown.includes(index)) shown.push(index);
  }
  return shown;
}

/**
 * The card's front is what the template's front shows; its back, the fields
 * only the back shows; every other field is kept as an extra, in field order.
 * Without a template, or when a side shows no field, the first two fields
 * stand in, as in Anki's Basic note type.
 */
export function fieldLayout(fieldNames: readonly string[], template: CardTemplate | undefined): FieldLayout {
  const all = fieldNames.map((_name, index) => index);
  const templateFront = template ? shownFields(template.front, fieldNames) : [];
  const front = templateFront.length > 0 ? templateFront : all.slice(0, 1);
  const templateBack = template ? shownFields(template.back, fieldNames).filter((index) => !front.includes(index)) : [];
  const back = templateBack.length > 0 ? templateBack : all.filter((index) => !front.includes(index)).slice(0, 1);
  const rest = all.filter((index) => !front.includes(index) && !back.includes(index));
  return { front, back, rest };
}
