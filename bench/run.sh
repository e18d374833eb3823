#!/usr/bin/env bash
# Builds target/benchmarks.jar, checks that ORT and panattn compute the same thing, runs the JMH suite with JSON
# output to target/bench/results.json and renders it to results.md / results.svg beside it.
# Arguments go to JMH unchanged, e.g.:   bench/run.sh 'DecodeBench|ReadBandwidth' -p threads=1
# Environment: JAVA_HOME (default: the JDK 25 CI uses), PANATTN_BENCH_RESULTS (default target/bench/results.json),
#              PANATTN_BENCH_SKIP_BUILD=1 to reuse an existing target/benchmarks.jar.
set -euo pipefail

cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
results="${PANATTN_BENCH_RESULTS:-target/bench/results.json}"

if [[ "${PANATTN_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -B -q -Pbench -DskipNative -DskipTests package
fi
mkdir -p "$(dirname "$results")"

# Fails the run (exit 1) if ORT's output differs from panattn's on the same inputs.
"$java" --add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp target/benchmarks.jar org.panattn.bench.OrtAgreement 1

"$java" -jar target/benchmarks.jar -rf json -rff "$results" "$@"
python3 bench/render.py "$results"
