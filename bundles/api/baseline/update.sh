#!/usr/bin/env bash
# Moves the API baseline on to the API as it landed at a commit: builds bundles/api there (in a temporary
# worktree) and stores the jar as io.narwhal:narwhal-api:landed-<NAME> in this file repository; then point
# bundles/api/pom.xml's <base><version> at it. Run it once a stop has landed, before changing the API again.
# Usage: bundles/api/baseline/update.sh COMMIT NAME     e.g.  update.sh 1a2b3c4 15
set -euo pipefail
commit="$1"
name="landed-$2"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(git -C "$here" rev-parse --show-toplevel)"
scratch="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$scratch/tree" >/dev/null 2>&1 || true; rm -rf "$scratch"' EXIT
git -C "$root" worktree add -q "$scratch/tree" "$commit"
(cd "$scratch/tree" && mvn -B -q -DskipTests package -pl bundles/api -Dbnd.baseline.skip=true)
target="$here/io/narwhal/narwhal-api/$name"
mkdir -p "$target"
cp "$scratch"/tree/bundles/api/target/narwhal-api-*.jar "$target/narwhal-api-$name.jar"
cat > "$target/narwhal-api-$name.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.narwhal</groupId>
  <artifactId>narwhal-api</artifactId>
  <version>$name</version>
  <description>The API bundle as it landed at commit $commit: the baseline its packages are versioned against.</description>
</project>
POM
# Only the newest baseline is checked against; older ones are history git already keeps.
find "$here/io/narwhal/narwhal-api" -mindepth 1 -maxdepth 1 -type d ! -name "$name" -exec rm -rf {} +
echo "baseline $name from $commit: now set <version>$name</version> in bundles/api/pom.xml"
