import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);

/**
 * What resvg is asked to draw: the SVG and the options renderAsync takes.
 * Plain data, so it crosses to the worker as it is.
 */
export interface PngJob {
  svg: string;
  fontFiles: string[];
  defaultFontFamily: string;
}

// CommonJS source, so the worker runs the same under tsx, vitest and the build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { renderAsync } = require(workerData.resvg);
parentPort.on("message", ({ id, svg, fontFiles, defaultFontFamily }) => {
  renderAsync(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily },
    fitTo: { mode: "original" },
    logLevel: "off",
  })
    .then((image) => parentPort.postMessage({ id, png: image.asPng() }))
    .catch((error) => parentPort.postMessage({ id, error: String(error && error.message ? error.message : error) }));
});
`;

/**
 * Young objects of the worker, in MB. resvg keeps each picture's pixels
 * (about 5 MB for a stats card) in native memory until the garbage collector
 * frees their JavaScript handle, and V8 does not count that memory: with the
 * default young generation the handles of hundreds of pictures waited, and
 * the process grew to 200–540 MB. With 1 MB the worker collects them every
 * few pictures (RSS stays about 125 MB over 300 stats cards).
 */
const YOUNG_GENERATION_MB = 1;

type Pending = { worker: Worker; resolve: (png: Buffer) => void; reject: (error: Error) => void };
type Answer = { id: number; png: Uint8Array } | { id: number; error: string };

/**
 * One worker thread that draws every PNG of the process, started with the
 * first picture. It keeps the process alive only while a picture is being
 * drawn. A worker that dies fails the pictures it was drawing, and the next
 * picture starts a new one.
 */
class PngWorker {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  render(job: PngJob): Promise<Buffer> {
    const worker = this.running();
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      if (!this.isDrawing(worker)) worker.ref();
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, ...job });
    });
  }

  /** Stops the worker (at shutdown); pictures still being drawn fail. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { resvg: require.resolve("@resvg/resvg-js") },
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.unref();
    worker.on("message", (answer: Answer) => this.settle(worker, answer));
    worker.on("error", (error) => this.failAll(worker, error));
    worker.on("exit", (code) => this.failAll(worker, new Error(`the picture worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker, answer: Answer): void {
    const waiting = this.pending.get(answer.id);
    if (!waiting) return;
    this.pending.delete(answer.id);
    if (!this.isDrawing(worker)) worker.unref();
    if ("error" in answer) waiting.reject(new Error(`could not draw the picture: ${answer.error}`));
    // A Buffer arrives as a plain Uint8Array: the same bytes, without a copy.
    else waiting.resolve(Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
  }

  private failAll(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(error);
    }
  }

  private isDrawing(worker: Worker): boolean {
    for (const waiting of this.pending.values()) if (waiting.worker === worker) return true;
    return false;
  }
}

const shared = new PngWorker();

/** The PNG of `job`, drawn on the process's picture worker. */
export function renderOnWorker(job: PngJob): Promise<Buffer> {
  return shared.render(job);
}

/** Stops the picture worker, if one runs: at shutdown, after the last picture. */
export function stopPngWorker(): Promise<void> {
  return shared.stop();
}
