#!/usr/bin/env bash
# Packs panattn's GPU checks into .device-pack/ (git-ignored, < 64 MB) for a machine with a GPU but no Java and no
# registry access (DESIGN.md section 4): a jlinked Java runtime, the panattn jar, the test classes and their
# dependency jars, the JUnit console launcher, the CUDA sources (CMakeLists.txt, native/, kernels-cuda/), a
# prebuilt libpanattn_cuda.so as a fallback, and run-on-gpu.sh, which builds and runs everything there.
#
#   scripts/gpu-check.sh           build with Maven, then pack
#   scripts/gpu-check.sh --run     pack, then run .device-pack/run-on-gpu.sh here (without a GPU it reports
#                                  "no GPU" and the GPU tests as skipped)
# Needs JDK 25 (JAVA_HOME, or /usr/lib/jvm/temurin-25-jdk-amd64) and Maven Central for the console launcher.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
pack="$root/.device-pack"
max_mb=63

run_after=false
for arg in "$@"; do
    case "$arg" in
        --run) run_after=true ;;
        *) echo "usage: $0 [--run]" >&2; exit 2 ;;
    esac
done

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        if [ -x "$candidate/bin/jlink" ] && [ "$(java_major "$candidate" || echo 0)" -ge 25 ] 2>/dev/null; then
            export JAVA_HOME="$candidate"
            break
        fi
    done
fi
[ -x "${JAVA_HOME:-}/bin/jlink" ] || { echo "gpu-check: needs a JDK >= 25 with jlink (set JAVA_HOME)" >&2; exit 1; }
echo "gpu-check: JAVA_HOME=$JAVA_HOME"

mvn=(./mvnw -B -q)
dependency_plugin=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

echo "gpu-check: building the jar and the test classes"
"${mvn[@]}" package -DskipTests

rm -rf "$pack"
mkdir -p "$pack/lib" "$pack/tools" "$pack/src" "$pack/prebuilt"

echo "gpu-check: copying the test dependencies and the JUnit console launcher"
# JUnit itself comes with the console launcher (one consistent platform); everything else the tests use goes in lib/
"${mvn[@]}" "$dependency_plugin:copy-dependencies" -DincludeScope=test -DoutputDirectory="$pack/lib" \
    -DexcludeGroupIds=org.junit.jupiter,org.junit.platform,org.opentest4j,org.apiguardian
junit_version="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml | head -n 1)"
case "$junit_version" in
    5.*) platform_version="1.${junit_version#5.}" ;;  # JUnit 5.x ships platform 1.x
    *) platform_version="$junit_version" ;;          # JUnit 6 versions the platform with Jupiter
esac
"${mvn[@]}" "$dependency_plugin:copy" \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform_version" \
    -DoutputDirectory="$pack/tools"
mv "$pack/tools/junit-platform-console-standalone-$platform_version.jar" \
    "$pack/tools/junit-platform-console-standalone.jar"

jar="$(ls target/panattn-*.jar | grep -v -e original- -e sources -e javadoc | head -n 1)"
cp "$jar" "$pack/lib/panattn.jar"
rm -f "$pack"/lib/picocli-*.jar  # already inside the shaded panattn jar
cp -r target/test-classes "$pack/test-classes"
cp CMakeLists.txt "$pack/src/"
cp -r native kernels-cuda "$pack/src/"
if [ -f target/classes/native/linux-x86_64/libpanattn_cuda.so ]; then
    cp target/classes/native/linux-x86_64/libpanattn_cuda.so "$pack/prebuilt/"
fi
cp scripts/run-on-gpu.sh "$pack/run-on-gpu.sh"
chmod +x "$pack/run-on-gpu.sh"

echo "gpu-check: linking a Java runtime"
modules="java.base,jdk.incubator.vector,java.logging,java.xml,java.management,jdk.unsupported"
detected="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 \
    --class-path "$pack/lib/*:$pack/tools/*" "$pack/lib/panattn.jar" "$pack/test-classes" \
    "$pack/tools/junit-platform-console-standalone.jar" 2>/dev/null || true)"
if [ -n "$detected" ]; then
    modules="$modules,$detected"
else
    echo "gpu-check: jdeps found nothing more; using $modules"
fi
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --compress=zip-9 --no-header-files --no-man-pages \
    --strip-debug --output "$pack/jre"

size_mb="$(du -sm "$pack" | cut -f1)"
echo "gpu-check: packed $pack ($size_mb MB; modules: $modules)"
if [ "$size_mb" -gt "$max_mb" ]; then
    echo "gpu-check: the pack is over $max_mb MB" >&2
    exit 1
fi

if $run_after; then
    "$pack/run-on-gpu.sh"
fi
