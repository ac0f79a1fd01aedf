import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError, BOT_TOKEN, type Failure, type RecordedCall, type UploadedFile } from "./model.js";

export type Params = Record<string, string>;
export type Handler = (request: {
  params: Params;
  query: URLSearchParams;
  body: unknown;
  auth: string | undefined;
}) => { status: number; body?: unknown } | undefined;

interface Route {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return undefined;
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("multipart/form-data")) return readMultipart(raw, contentType);
  if (!contentType.startsWith("application/json")) {
    throw new Error(`fake Discord: expected a JSON body, got ${contentType}`);
  }
  return JSON.parse(raw.toString("utf8"));
}

/**
 * A message with files, as Discord takes it: the JSON in `payload_json` and
 * each file in a `files[n]` part. The files come back as `uploaded` beside
 * the JSON (not a Discord field) for the routes to store.
 */
async function readMultipart(raw: Buffer, contentType: string): Promise<unknown> {
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const payload = form.get("payload_json");
  if (typeof payload !== "string") throw new Error("fake Discord: a multipart body without payload_json");
  const uploaded: UploadedFile[] = [];
  for (const [name, value] of form) {
    if (!/^files\[\d+\]$/.test(name)) continue;
    if (typeof value === "string") throw new Error(`fake Discord: ${name} is not a file`);
    uploaded.push({ filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { ...(JSON.parse(payload) as object), uploaded };
}

/** Discord's REST API: routes by method and pattern, every call recorded, any route told to fail. */
export class FakeRest {
  readonly calls: RecordedCall[] = [];
  /** Routes the client called that this fake does not serve: a test should fail on any. */
  readonly unknownRoutes: string[] = [];
  private readonly routes: Route[] = [];
  private readonly failures: { method: string; route: string; failure: Failure; remaining: number }[] = [];

  /** The next `times` calls to this route fail as told (429s carry Retry-After, like Discord's). */
  failNext(method: string, route: string, failure: Failure, times = 1): void {
    this.failures.push({ method: method.toUpperCase(), route, failure, remaining: times });
  }

  callsTo(method: string, route: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method.toUpperCase() && call.route === route);
  }

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      if (body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      send(400, { message: String(error), code: 50109 });
      return;
    }
    // discord.js encodes the "@" of "@me" and "@original"; parameters are decoded one by one below.
    const path = url.pathname.replace(/^\/api\/v10/, "").replace(/%40/g, "@");
    const match = this.match(method, path);
    const record = (route: string, status: number) =>
      this.calls.push({ method, route, path, query: url.searchParams, body, status, at: Date.now() });
    if (!match || !url.pathname.startsWith("/api/v10/")) {
      const line = `${method} ${url.pathname}`;
      this.unknownRoutes.push(line);
      console.error(`fake Discord: no route for ${line}`);
      record("?", 404);
      send(404, { message: "404: Not Found", code: 0 });
      return;
    }
    const { route, params } = match;
    const failure = this.failures.find((f) => f.method === method && f.route === route.pattern && f.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      record(route.pattern, failure.failure.status);
      if (failure.failure.status === 429) {
        const retryAfter = failure.failure.retryAfterSeconds;
        send(
          429,
          { message: "You are being rate limited.", retry_after: retryAfter, global: failure.failure.global ?? false },
          {
            "retry-after": String(retryAfter),
            "x-ratelimit-limit": "5",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset-after": String(retryAfter),
            "x-ratelimit-bucket": `fake-${route.pattern}`,
            "x-ratelimit-scope": "user",
            ...(failure.failure.global ? { "x-ratelimit-global": "true" } : {}),
          },
        );
      } else {
        send(failure.failure.status, { message: failure.failure.message, code: failure.failure.code });
      }
      return;
    }
    const authorization = req.headers.authorization;
    const result = route.handler({ params, query: url.searchParams, body, auth: authorization }) ?? { status: 204 };
    record(route.pattern, result.status);
    send(result.status, result.body);
  }

  private match(method: string, path: string): { route: Route; params: Params } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.regex.exec(path);
      if (!found) continue;
      const params: Params = {};
      route.names.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1] ?? "");
      });
      return { route, params };
    }
    return undefined;
  }

  on(method: string, pattern: string, handler: Handler, options: { auth?: boolean } = {}): void {
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/:([a-z]+)/g, (_, name: string) => {
        names.push(name);
        return "([^/]+)";
      })}$`,
    );
    const guarded: Handler =
      options.auth === false
        ? handler
        : (request) => (request.auth === `Bot ${BOT_TOKEN}` ? handler(request) : apiError(401, 0, "401: Unauthorized"));
    this.routes.push({ method, pattern, regex, names, handler: guarded });
  }
}
