/**
 * Bytes of an uploaded or given file to text, or a sentence saying why they
 * are not a deck's text: people try PDFs and binary files. (A zip is read
 * as an Anki package before it gets here.)
 */

export type Decoded = { ok: true; text: string; note?: string } | { ok: false; message: string };

const PDF = [0x25, 0x50, 0x44, 0x46];
const SAMPLE_BYTES = 8192;

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

export function decodeDeckBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, message: "the file is empty" };
  if (startsWith(bytes, PDF))
    return { ok: false, message: "this is a PDF, not text: export the cards as CSV or tab-separated text" };
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)) };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)) };
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) {
    return {
      ok: false,
      message:
        "this is a binary file, not text: export the cards as CSV, tab-separated text or Anki's Notes in Plain Text",
    };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // Excel on Windows saves CSV in the ANSI code page.
    return {
      ok: true,
      text: new TextDecoder("windows-1252").decode(bytes),
      note: "the file is not UTF-8: read it as Windows-1252",
    };
  }
}

/** Text that is mostly control characters is a binary file that happened to decode. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_BYTES);
  if (sample.length === 0) return false;
  let control = 0;
  for (let at = 0; at < sample.length; at += 1) if (isControl(sample.charCodeAt(at))) control += 1;
  return control / sample.length > 0.1;
}

/** C0 controls except tab and line breaks, DEL, and the replacement character of undecodable bytes. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd;
}
