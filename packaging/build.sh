#!/usr/bin/env bash
# Build EffNet Studio for Linux from a clean checkout, in one command:
#
#     bash packaging/build.sh
#
# Makes, under dist/:
#   effnet-studio/                         the one-folder bundle (PyInstaller)
#   effnet-studio-VERSION-linux-x86_64.tar.gz   that folder, for any distribution
#   effnet-studio_VERSION_amd64.deb         installs under /opt, menu entry, "Open with"
# and runs the bundle's --selftest before packing it. Uses its own virtual environment
# (build/packaging/venv) with the exact versions of constraints.txt.
#
# Environment: PYTHON (default python3), EFFNET_TORCH_INDEX (a pip index for torch and
# torchvision, e.g. https://download.pytorch.org/whl/cpu for the CPU-only bundle; the
# default, PyPI, gives the CUDA build: see "GPU or CPU bundle" in packaging/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
WORK="$ROOT/build/packaging"
DIST="$ROOT/dist"
VENV="$WORK/venv"
start=$(date +%s)

echo "== build environment"
rm -rf "$WORK" "$DIST/effnet-studio"
mkdir -p "$WORK" "$DIST"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip
extra=()
if [[ -n "${EFFNET_TORCH_INDEX:-}" ]]; then
  # the CPU build's versions carry a local label (2.14.1+cpu): pin by name only
  grep -v -E '^(torch|torchvision|nvidia-|cuda-|triton)' constraints.txt > "$WORK/constraints.txt"
  extra=(--extra-index-url "$EFFNET_TORCH_INDEX")
else
  cp constraints.txt "$WORK/constraints.txt"
fi
"$VENV/bin/pip" install -q -c "$WORK/constraints.txt" "${extra[@]}" . pyinstaller
VERSION="$("$VENV/bin/python" -c 'import effnet_app; print(effnet_app.__version__)')"

echo "== icons"
"$VENV/bin/python" packaging/icons.py "$WORK/icons"

echo "== bundle (PyInstaller)"
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK/pyinstaller" \
  packaging/effnet-studio.spec
BUNDLE="$DIST/effnet-studio"

echo "== self-test of the bundle"
QT_QPA_PLATFORM=offscreen "$BUNDLE/effnet-studio" --selftest

echo "== tar.gz"
TARBALL="$DIST/effnet-studio-$VERSION-linux-x86_64.tar.gz"
tar -C "$DIST" -cf - effnet-studio | gzip -1 > "$TARBALL"

echo "== deb"
"$VENV/bin/python" packaging/linux/make_deb.py "$BUNDLE" "$WORK/icons" "$VERSION" "$DIST"

end=$(date +%s)
echo "== done in $((end - start)) s"
du -sh "$BUNDLE" "$TARBALL" "$DIST"/effnet-studio_"$VERSION"_amd64.deb
