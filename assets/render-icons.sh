#!/usr/bin/env bash
# Renders voice-console.svg into the icons the installers use. The results are committed, so building an installer
# needs no converter; run this only after changing the SVG.
#   Needs: rsvg-convert (Debian: librsvg2-bin), ImageMagick's convert (for the .ico), python3 (for the .icns).
# ImageMagick's built-in SVG renderer closes the microphone's open arc, hence rsvg-convert for every size.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for size in 16 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" voice-console.svg -o "$tmp/$size.png"
done
cp "$tmp/256.png" voice-console.png                      # Linux: jpackage --icon, desktop entry
convert "$tmp"/{16,32,48,64,128,256}.png voice-console.ico  # Windows: jpackage --icon
# macOS .icns: a header and one PNG per size, each tagged with its OSType (ic07 128 px, ic08 256 px, ic09 512 px).
python3 - "$tmp" voice-console.icns <<'PY'
import struct, sys
src, out = sys.argv[1], sys.argv[2]
chunks = b""
for tag, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512)):
    data = open(f"{src}/{size}.png", "rb").read()
    chunks += tag + struct.pack(">I", len(data) + 8) + data
open(out, "wb").write(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
PY
