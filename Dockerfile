# The Tiller image `helm init` deploys (ghcr.io/wheelhouse/tiller:v2.17.0):
#   docker build -t ghcr.io/wheelhouse/tiller:v2.17.0 .
# Multi-stage: the bundle is built with the dev toolchain, the image carries production dependencies only,
# runs as a non-root user and answers the probes on :44135 (/liveness, /readiness, /metrics).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/build.mjs
COPY src src
RUN node scripts/build.mjs

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules node_modules
COPY --from=build /src/dist dist
COPY package.json ./
COPY bin bin
COPY proto proto
# the image's `node` user, by number so that Kubernetes' runAsNonRoot can check it
USER 1000:1000
EXPOSE 44134 44135
# In a pod Tiller must listen on every interface; run outside a cluster it binds to loopback by default.
ENTRYPOINT ["node", "/app/bin/tiller"]
CMD ["--listen=:44134", "--probe-listen=:44135"]
