import { extname } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** The module `name` beside the module at `of`, with its extension: .js when built, .ts from the sources. */
export function siblingModule(of: string, name: string): URL {
  return new URL(`./${name}${extname(fileURLToPath(of))}`, of);
}

/**
 * A worker thread running one of our modules. Built, that is plain
 * JavaScript. From the TypeScript sources (tsx, vitest) a new thread has none
 * of its parent's module hooks, so it registers tsx's before it imports the
 * module.
 */
export function startModuleWorker(entry: URL, workerData: unknown): Worker {
  if (extname(fileURLToPath(entry)) !== ".ts") return new Worker(entry, { workerData });
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  const source = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(source, { eval: true, workerData });
}

/** The worker's one answer; then it is stopped. Its error, or an exit without an answer, rejects. */
export function answerOf<T>(worker: Worker): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.once("message", (answer: T) => {
      resolve(answer);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the worker thread exited with ${code} before answering`)));
  });
}
