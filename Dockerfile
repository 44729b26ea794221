# syntax=docker/dockerfile:1
# The mlaudit container image, for CI systems that run containers (GitLab CI, Jenkins, Azure DevOps; see docs/ci.md).
#
#   docker build -t mlaudit .                       # version from the git tag (MinVer reads .git in the context)
#   docker build -t mlaudit:1.2.3 --build-arg VERSION=1.2.3 .
#   docker run --rm -v "$PWD:/work" mlaudit audit --format console,json --output-dir /tmp/report
#
# The build stage publishes mlaudit's Native AOT binary (one executable, with libgit2 and e_sqlite3 beside it; no .NET
# runtime in the image); it runs on the target platform itself (no --platform=$BUILDPLATFORM), because Native AOT
# links with the target's C toolchain: a multi-platform build (buildx with QEMU) compiles each architecture natively.
# The runtime stage is Debian's slim image with what mlaudit needs: CA certificates and OpenSSL for HTTPS stores and
# object storage, time-zone data, and git (LibGit2Sharp reads the system git configuration, where safe.directory lets
# the non-root user read a repository mounted from another owner). No ICU: mlaudit runs with invariant globalization.
# `mlaudit --version` runs in the runtime stage, so an image whose binary needs a newer glibc than Debian's fails to build.
# tests/Auditor.Cli.Tests/Container builds the same runtime stage from debootstrap and checks this file against it.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
ARG VERSION=
# Native AOT's linker and zlib (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites).
RUN apt-get update \
 && apt-get install -y --no-install-recommends clang zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/Auditor.Cli -c Release -a "${TARGETARCH:-amd64}" --self-contained -p:DebugType=none -o /out --nologo ${VERSION:+-p:MinVerVersionOverride=$VERSION}

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git libssl3 tzdata \
 && rm -rf /var/lib/apt/lists/*
RUN git config --system --add safe.directory '*' \
 && useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin mlaudit \
 && mkdir -p /work \
 && chown mlaudit:mlaudit /work
COPY --from=build /out /opt/mlaudit
RUN ln -s /opt/mlaudit/mlaudit /usr/local/bin/mlaudit
RUN mlaudit --version
USER mlaudit
WORKDIR /work
VOLUME ["/work"]
ENTRYPOINT ["mlaudit"]
CMD ["audit"]
