#!/usr/bin/env bash
# Runs panattn's GPU checks from the pack scripts/gpu-check.sh makes (this file is copied into it), on a machine
# with an NVIDIA GPU, nvcc and CMake, but no Java and no registry access:
#   1. builds libpanattn_cuda.so from the packed sources for sm_${PANATTN_CUDA_ARCHITECTURES:-90}
#   2. runs the host emulation of the kernels, the GPU-tagged tests, and the binding tests against that build
#   3. times the CUDA dense kernel briefly
# Everything goes to one log, gpu-check.log next to this script (or $PANATTN_GPU_LOG). Exit 0 if nothing failed;
# without a GPU the GPU tests are reported as skipped, with the reason.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log="${PANATTN_GPU_LOG:-$here/gpu-check.log}"
exec > >(tee "$log") 2>&1
arch="${PANATTN_CUDA_ARCHITECTURES:-90}"
status=0

section() {
    echo
    echo "== $*"
}

section "panattn GPU check, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(uname -srm), $(nproc) cores"
gpu_present=false
if command -v nvidia-smi >/dev/null 2>&1; then
    nvidia-smi --query-gpu=name,driver_version,compute_cap,memory.total --format=csv || true
    if nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
        gpu_present=true
    fi
else
    echo "no GPU: nvidia-smi not found (no NVIDIA driver on this machine)"
fi
java="$here/jre/bin/java"
"$java" -version 2>&1 | head -n 1

section "build libpanattn_cuda.so for CUDA architectures $arch"
native="$here/build/native"
nvcc_path="$(command -v nvcc || true)"
if [ -z "$nvcc_path" ] && [ -x /usr/local/cuda/bin/nvcc ]; then
    nvcc_path=/usr/local/cuda/bin/nvcc
fi
echo "nvcc: ${nvcc_path:-not found}; cmake: $(command -v cmake || echo not found)"
if command -v cmake >/dev/null 2>&1; then
    if ! { cmake -S "$here/src" -B "$here/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CUDA_ARCHITECTURES="$arch" \
            -DPANATTN_OUTPUT_DIR="$native" ${nvcc_path:+-DCMAKE_CUDA_COMPILER="$nvcc_path"} \
            && cmake --build "$here/build" --parallel "$(nproc)"; }; then
        echo "the CMake build failed"
        status=1
    fi
fi
if [ ! -f "$native/libpanattn_cuda.so" ]; then
    if [ -f "$here/prebuilt/libpanattn_cuda.so" ]; then
        echo "no freshly built libpanattn_cuda.so: using the pack's prebuilt one (built where the pack was made)"
        native="$here/prebuilt"
    else
        echo "no libpanattn_cuda.so: the CUDA tests will report it as not built"
    fi
fi

section "kernel logic on the host (emulation, no GPU needed)"
if [ -x "$here/build/panattn_dense_emulation" ]; then
    "$here/build/panattn_dense_emulation" | tail -n 3 || status=1
else
    echo "skipped: the emulation was not built (no C++ compiler or CMake)"
fi

class_path="$here/test-classes"
for jar in "$here"/lib/*.jar; do
    class_path="$class_path:$jar"
done
jvm_flags=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss4m
    "-Dpanattn.native.path=$native" "-Dpanattn.probe=$here/build/panattn_probe"
    "-Dpanattn.header=$here/src/native/include/panattn.h")
launcher=("$java" "${jvm_flags[@]}" -jar "$here/tools/junit-platform-console-standalone.jar" execute
    --disable-banner --disable-ansi-colors --details=tree --class-path "$class_path")

section "GPU-tagged tests"
mkdir -p "$here/reports"
"${launcher[@]}" --scan-class-path "$here/test-classes" --include-tag gpu --reports-dir "$here/reports/gpu" \
    | tee "$here/reports/gpu-summary.txt"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
aborted="$(sed -n 's/.*\[ *\([0-9][0-9]*\) tests aborted.*/\1/p' "$here/reports/gpu-summary.txt" | head -n 1)"
if $gpu_present && [ "${aborted:-0}" -gt 0 ]; then
    echo "a GPU is present, yet $aborted GPU tests were skipped (aborted): the reasons are above"
    status=1
fi

section "binding, layout and availability tests against this build"
"${launcher[@]}" --select-package org.panattn.bindings --select-package org.panattn.cuda --exclude-tag gpu \
    --reports-dir "$here/reports/bindings" || status=1

section "CUDA dense attention timing (a quick look, not a benchmark)"
"$java" "${jvm_flags[@]}" -cp "$class_path" org.panattn.cuda.CudaDenseTiming || status=1

section "done: exit status $status; log $log"
exit "$status"
