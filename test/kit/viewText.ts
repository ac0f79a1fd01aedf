import { plainInline, type View } from "../../src/core/views.js";

/** Everything a person reads in a view (title, blocks, options, fields, footer) as plain text, for matching. */
export function viewText(view: View): string {
  return [
    view.title,
    ...view.blocks.map((block) => {
      if (block.type === "text") return plainInline(block.text);
      if (block.type === "markdown") return block.text;
      if (block.type === "options") return block.options.map((option) => `${option.letter}) ${option.text}`).join("\n");
      if (block.type === "fields")
        return block.fields.map((field) => `${field.label}: ${plainInline(field.value)}`).join("\n");
      return "";
    }),
    view.footer ?? "",
  ].join("\n");
}
