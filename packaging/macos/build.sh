#!/usr/bin/env bash
# Build "EffNet Studio.app" and a .dmg on macOS (Apple silicon or Intel, matching the
# Python used):  bash packaging/macos/build.sh
# Not run on the project's Linux machines; the steps mirror packaging/build.sh. PyTorch
# on macOS has no CUDA: the app uses Apple's MPS GPU where present, else the CPU.
# Distribution outside your own Mac needs signing and notarisation: set
# CODESIGN_IDENTITY ("Developer ID Application: …") and NOTARY_PROFILE (a notarytool
# keychain profile) and the script does both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
WORK="$ROOT/build/packaging"
rm -rf "$WORK" "dist/EffNet Studio.app" dist/effnet-studio
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --upgrade pip
"$WORK/venv/bin/pip" install -q -c constraints.txt . pyinstaller
VERSION="$("$WORK/venv/bin/python" -c 'import effnet_app; print(effnet_app.__version__)')"
"$WORK/venv/bin/python" packaging/icons.py "$WORK/icons"
"$WORK/venv/bin/pyinstaller" --noconfirm --distpath dist --workpath "$WORK/pyinstaller" packaging/effnet-studio.spec
APP="dist/EffNet Studio.app"
QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/effnet-studio" --selftest
if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
  codesign --deep --force --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi
DMG="dist/effnet-studio-$VERSION-macos-$(uname -m).dmg"
STAGE="$WORK/dmg"
mkdir -p "$STAGE" && cp -R "$APP" "$STAGE/" && ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "EffNet Studio" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
if [[ -n "${CODESIGN_IDENTITY:-}" && -n "${NOTARY_PROFILE:-}" ]]; then
  codesign --sign "$CODESIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "$DMG"
