#!/usr/bin/env bash
# Installs the built folder (dist/frau-emma) with its menu entry and icons.
#   For one user (no root):  packaging/linux/install.sh
#   For everyone (as root):  sudo packaging/linux/install.sh --system
# Removing it again: the same command with --uninstall (the customer file in ~/.local/share/FrauEmma stays).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
built=${FRAU_EMMA_DIST:-$root/dist/frau-emma}
if [[ " $* " == *" --system "* ]]; then
    app=/opt/frau-emma bin=/usr/local/bin share=/usr/share
else
    app=$HOME/.local/opt/frau-emma bin=$HOME/.local/bin share=${XDG_DATA_HOME:-$HOME/.local/share}
fi
sizes=(16 24 32 48 64 128 256 512)

if [[ " $* " == *" --uninstall "* ]]; then
    rm -rf "$app" "$bin/emma" "$share/applications/frau-emma.desktop"
    for size in "${sizes[@]}"; do rm -f "$share/icons/hicolor/${size}x${size}/apps/frau-emma.png"; done
    rm -f "$share/icons/hicolor/scalable/apps/frau-emma.svg"
    echo "Frau Emma removed; the customer files in the data folder are kept."
    exit 0
fi

[[ -x $built/emma ]] || { echo "No built app in $built: run 'make package' first." >&2; exit 1; }
rm -rf "$app"
mkdir -p "$(dirname "$app")" "$bin" "$share/applications"
cp -a "$built" "$app"
ln -sf "$app/emma" "$bin/emma"
# The menu entry names the installed program by its full path: a menu does not search ~/.local/bin.
sed "s|^Exec=.*|Exec=$app/emma|" "$here/frau-emma.desktop" >"$share/applications/frau-emma.desktop"
for size in "${sizes[@]}"; do
    install -Dm644 "$root/packaging/icons/frau-emma-$size.png" "$share/icons/hicolor/${size}x${size}/apps/frau-emma.png"
done
install -Dm644 "$root/emma/resources/icons/app.svg" "$share/icons/hicolor/scalable/apps/frau-emma.svg"
# Refresh the caches where the tools exist; menus pick the entry up without them too, only later.
if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$share/applications"; fi
if command -v gtk-update-icon-cache >/dev/null; then gtk-update-icon-cache -q -t "$share/icons/hicolor" || true; fi
echo "Frau Emma installed in $app (command: $bin/emma, menu: Office → Frau Emma)."
