# syntax=docker/dockerfile:1
# Latchkey container image: a release build in a Rust image, copied into a
# small Debian runtime that runs as an unprivileged user.
#
#   docker build --build-arg LATCHKEY_COMMIT=$(git rev-parse --short=12 HEAD) -t latchkey .
#   docker run -p 8080:8080 -v latchkey-data:/var/lib/latchkey \
#     -e LATCHKEY_ISSUER=https://id.example.com latchkey

FROM rust:1-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends pkg-config libssl-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The commit for `latchkey --version` (.git is not sent to the build).
ARG LATCHKEY_COMMIT=unknown
ENV LATCHKEY_COMMIT=${LATCHKEY_COMMIT}
COPY Cargo.toml Cargo.lock build.rs ./
COPY migrations migrations
COPY src src
COPY templates templates
COPY static static
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin latchkey \
 && install -m 0755 target/release/latchkey /usr/local/bin/latchkey

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates libssl3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 latchkey \
 && useradd --system --uid 10001 --gid latchkey --home-dir /var/lib/latchkey --shell /usr/sbin/nologin latchkey \
 && install -d -o latchkey -g latchkey -m 0700 /var/lib/latchkey
COPY --from=build /usr/local/bin/latchkey /usr/local/bin/latchkey
USER 10001:10001
WORKDIR /var/lib/latchkey
ENV LATCHKEY_BIND=0.0.0.0:8080 \
    LATCHKEY_DATABASE_URL=sqlite:///var/lib/latchkey/latchkey.db \
    LATCHKEY_LOG_FORMAT=json
VOLUME ["/var/lib/latchkey"]
EXPOSE 8080 9100
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/latchkey"]
CMD ["serve"]
