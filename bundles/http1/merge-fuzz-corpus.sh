#!/usr/bin/env bash
# Folds what fuzz runs found (.cifuzz-corpus/, not kept) into the regression corpus that is: the smallest
# inputs that between them reach every coverage edge the kept and the found inputs reach (libFuzzer's merge,
# on edges only, so that the corpus stays about a hundred small files). Named inputs (crash-*, known-bug-*)
# stay as they are: each is a regression test of its own. See docs/fuzzing.md.
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
kept="$module/src/test/resources/io/narwhal/http1/Http1CodecFuzzTestInputs/oneConnection"
found="$module/.cifuzz-corpus/io.narwhal.http1.Http1CodecFuzzTest/oneConnection"
if [ ! -d "$found" ]; then
  echo "no $found: run a fuzz first (docs/fuzzing.md)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/kept" "$work/merged"
find "$kept" -type f ! -name 'crash-*' ! -name 'known-bug-*' -exec cp {} "$work/kept/" \;

cd "$module/../.."
mvn -B -q -pl bundles/http1 -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath"
# The fuzz profile's instrumentation, so that an edge here is an edge there.
java -XX:+EnableDynamicAgentLoading -Xshare:off \
  -cp "$module/target/test-classes:$module/target/classes:$(cat "$work/classpath")" \
  com.code_intelligence.jazzer.Jazzer --target_class=io.narwhal.http1.Http1CodecFuzzTest \
  --target_method=oneConnection --instrumentation_includes='io.narwhal.**' \
  -merge=1 -use_counters=0 "$work/merged" "$work/kept" "$found" > "$work/merge.log" 2>&1 \
  || { tail -30 "$work/merge.log" >&2; exit 1; }
grep 'MERGE-OUTER: .* new files' "$work/merge.log"

find "$kept" -type f ! -name 'crash-*' ! -name 'known-bug-*' -delete
cp "$work/merged"/* "$kept/"
echo "kept: $(find "$kept" -type f | wc -l) files, $(du -sb "$kept" | cut -f1) bytes"
