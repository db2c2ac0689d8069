#!/bin/bash
# Builds whisper.cpp v1.7.1 (the version whisper-jni 1.7.1 was built from) with CUDA and lays out a library
# directory for -Dio.github.givimad.whisperjni.libdir: the CUDA libggml.so and libwhisper.so.1, whose C API the app
# calls through JNA.
#
#   packaging/gpu/build-whisper-cuda.sh WHISPER_CPP_SRC OUTPUT_DIR [APP_JAR] [CUDA_ARCH]
#
# WHISPER_CPP_SRC: a checkout of https://github.com/ggerganov/whisper.cpp at tag v1.7.1
# APP_JAR: target/voice-console.jar by default; CUDA_ARCH: e.g. 90 (H100), 89 (RTX 40xx), 86 (RTX 30xx); default 90.
# Needs cmake, ninja, a C++ compiler and the CUDA toolkit. Checked with CUDA 13.0 on an H100 (docs/runbook.md).
set -euo pipefail
src=${1:?whisper.cpp v1.7.1 source directory}
out=${2:?output directory}
jar=${3:-target/voice-console.jar}
arch=${4:-90}
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

# CUDA 13's CCCL headers (cub) refuse anything older than C++17; whisper.cpp 1.7.1's ggml asks for C++11.
sed -i 's/set(CMAKE_CXX_STANDARD 11)/set(CMAKE_CXX_STANDARD 17)/' "$src/ggml/CMakeLists.txt"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
  -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="$arch" -DCMAKE_CUDA_STANDARD=17 -DGGML_NATIVE=OFF \
  -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF -DWHISPER_BUILD_SERVER=OFF
ninja -C "$build"

mkdir -p "$out"
cp -L "$build/ggml/src/libggml.so" "$build/src/libwhisper.so.1" "$out/"
echo "GPU library directory ready: $out"
echo "  java -Dio.github.givimad.whisperjni.libdir=$out -jar $jar transcribe FILE.wav --model MODEL --gpu"
