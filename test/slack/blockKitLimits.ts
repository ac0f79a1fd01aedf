import { expect } from "vitest";

/**
 * Slack's documented Block Kit limits, checked independently of the renderer's
 * own constants: a message breaking any of them is refused whole by Slack
 * (`invalid_blocks`), so every message the tests see goes through this.
 */
type Json = Record<string, unknown>;

const textOf = (object: unknown): string => String((object as Json | undefined)?.text ?? "");

/** A Home tab (views.publish): up to 100 blocks, the same limits within each. */
export function expectHomeWithinLimits(view: { type?: unknown; blocks?: unknown }): void {
  expect(view.type).toBe("home");
  expectWithinBlockKitLimits(view, 100);
}

export function expectWithinBlockKitLimits(message: { text?: unknown; blocks?: unknown }, maxBlocks = 50): void {
  const blocks = (message.blocks ?? []) as Json[];
  expect(blocks.length, "blocks").toBeLessThanOrEqual(maxBlocks);
  expect(String(message.text ?? "").length, "fallback text").toBeLessThanOrEqual(40_000);
  const actionIds = new Set<string>();
  for (const block of blocks) {
    switch (block.type) {
      case "header":
        expect(textOf(block.text).length, "header text").toBeLessThanOrEqual(150);
        expect((block.text as Json).type).toBe("plain_text");
        break;
      case "section": {
        if (block.text !== undefined) {
          expect(textOf(block.text).length, "section text").toBeLessThanOrEqual(3000);
          expect(textOf(block.text).length, "section text").toBeGreaterThan(0);
        }
        const fields = (block.fields ?? []) as Json[];
        expect(fields.length, "fields per section").toBeLessThanOrEqual(10);
        for (const field of fields) expect(textOf(field).length, "field text").toBeLessThanOrEqual(2000);
        expect(block.text !== undefined || fields.length > 0, "a section has text or fields").toBe(true);
        if (block.accessory !== undefined) {
          const accessory = block.accessory as Json;
          expect(accessory.type, "a section's accessory").toBe("timepicker");
          expect(String(accessory.action_id).length, "action_id").toBeLessThanOrEqual(255);
          if (accessory.initial_time !== undefined) expect(String(accessory.initial_time)).toMatch(/^\d\d:\d\d$/);
          expect(String(block.block_id ?? "").length, "block_id").toBeLessThanOrEqual(255);
        }
        break;
      }
      case "actions": {
        const elements = (block.elements ?? []) as Json[];
        expect(elements.length, "elements per actions block").toBeLessThanOrEqual(25);
        expect(elements.length, "an actions block has elements").toBeGreaterThan(0);
        for (const element of elements) {
          expect(element.type).toBe("button");
          expect(textOf(element.text).length, "button text").toBeLessThanOrEqual(75);
          expect(String(element.value ?? "").length, "button value").toBeLessThanOrEqual(2000);
          const actionId = String(element.action_id);
          expect(actionId.length, "action_id").toBeLessThanOrEqual(255);
          expect(actionIds.has(actionId), `action_id ${actionId} is unique`).toBe(false);
          actionIds.add(actionId);
          if (element.style !== undefined) expect(["primary", "danger"]).toContain(element.style);
        }
        break;
      }
      case "divider":
        break;
      case "context": {
        const elements = (block.elements ?? []) as Json[];
        expect(elements.length, "context elements").toBeLessThanOrEqual(10);
        for (const element of elements) expect(textOf(element).length, "context text").toBeLessThanOrEqual(3000);
        break;
      }
      default:
        throw new Error(`unexpected block type ${String(block.type)}`);
    }
  }
}
