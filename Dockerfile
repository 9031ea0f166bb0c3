# SalesOS: one image for the bot server (`salesos start`) and the digest worker (`salesos worker`).
FROM node:24-slim

WORKDIR /app
ENV NODE_ENV=production \
    LOG_FORMAT=json \
    PORT=3000

# Dependencies first, so code changes do not reinstall them. The postinstall step generates the
# Prisma client from the schema, so the schema and its config come along; its build step finds no sources
# yet and waits for the one below.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/build.mjs ./scripts/build.mjs
COPY bin ./bin
# The image's Node is current: drop the bundled Node that npm adds for machines with an older one.
RUN npm ci --omit=dev --no-audit --no-fund && rm -rf node_modules/node-linux-* node_modules/.bin/node && npm cache clean --force

COPY app ./app
COPY bots ./bots
COPY assistant ./assistant
COPY tools ./tools
COPY core ./core
COPY docs ./docs
# Compiled JavaScript in dist/: `salesos` starts without transpiling (bin/salesos.js checks it is current).
RUN node scripts/build.mjs

USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/salesos.js", "start", "--no-chat"]
