#!/usr/bin/env bash
# Smoke test of the built installer on this machine, in one command (after build.sh):
#
#     bash packaging/smoke_test.sh            # installs dist/effnet-studio_*.deb (needs root)
#     bash packaging/smoke_test.sh --tarball  # unpacks dist/effnet-studio-*.tar.gz instead
#
# 1. installs the package (apt resolves its system libraries) and records its size;
# 2. runs the installed program's --selftest with no network (a new, empty network
#    namespace) and QT_QPA_PLATFORM=offscreen;
# 3. starts the window under Xvfb twice, timing launch -> window shown (cold, then
#    warm file cache), and saves a screenshot;
# 4. (.deb) removes the package and checks that the user's models are still there.
# Writes dist/smoke/report.json and dist/smoke/screenshot.png. Needs xvfb, x11-utils
# (xwininfo), x11-apps (xwd) and ImageMagick's convert (/usr/bin/convert, or $CONVERT).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/dist/smoke"
rm -rf "$OUT" && mkdir -p "$OUT"
USER_HOME="$(mktemp -d)"   # a stand-in for the user's home: settings, models
mode="deb"; [[ "${1:-}" == "--tarball" ]] && mode="tarball"

if [[ $mode == deb ]]; then
  DEB="$(ls "$ROOT"/dist/effnet-studio_*_amd64.deb | tail -1)"
  apt-get install -y -q "$DEB" > "$OUT/install.log"
  PROGRAM=/opt/effnet-studio/effnet-studio
  LAUNCHER=/usr/bin/effnet-studio
  test -x "$LAUNCHER" && test -f /usr/share/applications/effnet-studio.desktop
  grep -q "MimeType=image/jpeg" /usr/share/applications/effnet-studio.desktop
  installed_kb="$(dpkg-query -W -f='${Installed-Size}' effnet-studio)"
else
  TARBALL="$(ls "$ROOT"/dist/effnet-studio-*-linux-x86_64.tar.gz | tail -1)"
  PLACE="$(mktemp -d)"
  tar -C "$PLACE" -xzf "$TARBALL"
  PROGRAM="$PLACE/effnet-studio/effnet-studio"
  LAUNCHER="$PROGRAM"
  installed_kb="$(du -sk "$PLACE/effnet-studio" | cut -f1)"
fi
echo "installed: $((installed_kb / 1024)) MB"

echo "== self-test, no network"
if unshare --net true 2>/dev/null; then NONET=(unshare --net); network="none (empty network namespace)"
else NONET=(); network="not isolated (unshare not allowed here)"; fi
"${NONET[@]}" env HOME="$USER_HOME" QT_QPA_PLATFORM=offscreen "$LAUNCHER" --selftest | tee "$OUT/selftest.txt"
grep -q "self-test passed" "$OUT/selftest.txt"

echo "== window under Xvfb"
DISPLAY_NO=:97
Xvfb "$DISPLAY_NO" -screen 0 1440x900x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
for _ in $(seq 100); do xwininfo -root -display "$DISPLAY_NO" >/dev/null 2>&1 && break; sleep 0.05; done

launch() {  # sets LAUNCH_S (seconds from start to the main window shown) and APP; leaves it running
  local t0 t1
  t0=$(date +%s.%N)
  env -u QT_QPA_PLATFORM DISPLAY="$DISPLAY_NO" HOME="$USER_HOME" "$LAUNCHER" > "$OUT/app-$1.log" 2>&1 &
  APP=$!
  until xwininfo -root -tree -display "$DISPLAY_NO" 2>/dev/null | grep -q '"EffNet Studio"'; do
    kill -0 $APP 2>/dev/null || { echo "the program exited" >&2; cat "$OUT/app-$1.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  LAUNCH_S="$(echo "$t1 - $t0" | bc)"
}
launch cold; cold="$LAUNCH_S"; echo "launch to window (cold): $cold s"
sleep 4  # let it paint
xwd -root -silent -display "$DISPLAY_NO" | "${CONVERT:-/usr/bin/convert}" xwd:- "$OUT/screenshot.png"
kill $APP; wait $APP 2>/dev/null || true
launch warm; warm="$LAUNCH_S"; echo "launch to window (warm): $warm s"
kill $APP; wait $APP 2>/dev/null || true

kept="not checked"
if [[ $mode == deb ]]; then
  echo "== uninstall keeps the user's models"
  MODELS="$USER_HOME/.local/share/EffNetStudio/models"
  mkdir -p "$MODELS" && echo "a model" > "$MODELS/mine.effnet"
  apt-get remove -y -q effnet-studio >> "$OUT/install.log"
  test ! -e /opt/effnet-studio && test ! -e /usr/share/applications/effnet-studio.desktop
  test -f "$MODELS/mine.effnet" && kept="yes"
fi

cat > "$OUT/report.json" <<JSON
{"mode": "$mode", "installed_mb": $((installed_kb / 1024)), "network": "$network",
 "selftest": "$(tr -d '"' < "$OUT/selftest.txt")",
 "launch_to_window_s": {"cold": $cold, "warm": $warm}, "screenshot": "dist/smoke/screenshot.png",
 "uninstall_keeps_user_models": "$kept"}
JSON
cat "$OUT/report.json"
