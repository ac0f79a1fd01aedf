# Build stage: compiles better-sqlite3 and the TypeScript sources.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Run stage: only what the bot needs, as an unprivileged user, data on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/studybot.db \
    DECKS_DIR=/app/decks \
    HEALTH_PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY migrations ./migrations
COPY decks ./decks
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# The bot's own GET /healthz on 127.0.0.1 (database and platform connections); the slim image has no curl, node fetches.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) shuts down gracefully within 5 s, well inside docker's 10 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "bin/studybot.js"]
CMD ["start"]
