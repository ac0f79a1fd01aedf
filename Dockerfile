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
    DECKS_DIR=/app/decks
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
ENTRYPOINT ["node", "bin/studybot.js"]
CMD ["start"]
