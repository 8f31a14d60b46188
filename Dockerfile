# tcfeed as a container image: a build stage that compiles only the `tcfeed` binary, and a runtime
# stage that adds to the slim base only the shared libraries it links and the CA store (no curl:
# the health check is `tcfeed probe`). Build: podman build --format docker -t tcfeed . (docker build works too;
# --format docker keeps HEALTHCHECK, which podman's default OCI format drops).
# Run it read-only, as the numeric user below, with the state on a volume: see README "Run in Docker"
# and deploy/compose.yaml.

FROM debian:bookworm-slim AS build
# Only what building the daemon needs (scripts/packages.txt minus the tests' and fuzzers' packages:
# no GoogleTest, benchmark, clang, openssl tool).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config \
      libboost1.81-dev libboost-url1.81-dev libssl-dev libsimdjson-dev libyaml-cpp-dev libspdlog-dev \
      libfmt-dev libicu-dev libsqlite3-dev libsystemd-dev libcli11-dev libarchive-dev libcsv-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The sources of the binary alone (.dockerignore keeps the rest out), so an edit to the tests or the
# documentation does not invalidate the compile layer.
COPY CMakeLists.txt ./
COPY cmake cmake
COPY lib lib
COPY connectors connectors
COPY daemon daemon
# Release without crash points; no tests, sandbox or benchmarks (TCFEED_BUILD_TESTS=OFF, so GoogleTest
# is not needed). The build runs in CI on two cores: a unity build parses the Boost, spdlog and YAML
# headers once per batch of 16 files instead of once per file; -O2 rather than CMake's -O3 and no
# debug info also save compile time.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
      -DTCFEED_TEST_HOOKS=OFF -DTCFEED_BUILD_TESTS=OFF -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16 \
 && cmake --build /build -j"$(nproc)" --target tcfeed_cli \
 && strip /build/tcfeed

FROM debian:bookworm-slim
# The runtime packages of the libraries `ldd tcfeed` lists (libsystemd0, zlib1g and libstdc++6 are
# in the base already) and the CA store for https:// feeds and ThreatConnect.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates libarchive13 libboost-url1.81.0 libfmt9 libicu72 libsimdjson14 libspdlog1.10 \
      libsqlite3-0 libssl3 libyaml-cpp0.7 \
 && rm -rf /var/lib/apt/lists/*
# A fixed numeric uid/gid, so a state volume or secret file prepared on the host (chown 10001) and
# `--user 10001:10001` / Kubernetes runAsUser agree with the image.
RUN groupadd --gid 10001 tcfeed \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /var/lib/tcfeed --shell /usr/sbin/nologin tcfeed \
 && install -d -m 0700 -o 10001 -g 10001 /var/lib/tcfeed \
 && install -d -m 0755 /etc/tcfeed
COPY --from=build /build/tcfeed /usr/local/bin/tcfeed
# Fails the build when the runtime stage lacks a library the binary needs.
RUN if ldd /usr/local/bin/tcfeed | grep 'not found'; then exit 1; fi && tcfeed version
COPY config/container.yaml /etc/tcfeed/tcfeed.yaml

# The state database (cursors, outbox, seen set, dead letters): with /tmp (downloads spool there;
# mount a tmpfs) the only place tcfeed writes, so the root filesystem can be read-only. A new named
# volume takes this directory's owner (10001).
VOLUME /var/lib/tcfeed
# /metrics, /livez, /readyz and the status page (http.listen in config/container.yaml).
EXPOSE 9464
USER 10001:10001
# /livez, not /readyz: /readyz fails while ThreatConnect is down or an owner is stopped, and a
# restart cures neither; /livez fails only when the daemon itself stopped answering.
HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \
  CMD ["tcfeed", "probe", "http://127.0.0.1:9464/livez"]
# The daemon drains on SIGTERM within shutdown_grace, then commits and exits 0. Give the runtime a
# longer stop timeout (docker stop -t / podman stop --time / compose stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["tcfeed"]
CMD ["run", "--config", "/etc/tcfeed/tcfeed.yaml"]
