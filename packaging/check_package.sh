#!/usr/bin/env bash
# Runs the built app the way a shop PC would: without the project's venv, copied out of the project folder, with a
# fresh home and data folder. Checks the command, a demo shop, the self-check, a letter PDF (fonts, templates),
# the German catalog, and that the window opens (offscreen) – the parts that break first when something was not
# collected into the folder.
set -euo pipefail
app_dir=$(cd "${1:-dist/frau-emma}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy elsewhere, as an installation would be: nothing may point back into the project folder.
cp -a "$app_dir" "$work/frau-emma"
emma="$work/frau-emma/emma"
cd "$work"
# A bare environment: nothing of the venv, of Python's or of the caller's settings can help the frozen app.
run() { env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }
passed=0
# Each step counts as passed when the next one starts (set -e has ended the script on a failure before that).
step() { [[ -z ${started:-} ]] || passed=$((passed + 1)); started=1; printf '== %s\n' "$*"; }

step "--version"
version=$(run "$emma" --version)
echo "$version"
[[ $version == "Frau Emma "* ]]

step "German help (compiled catalog found)"
run "$emma" --help | grep -q "Kundendatei"

step "demo shop"
run "$emma" --db "$work/demo.db" demo --customers 60

step "check"
run "$emma" --db "$work/demo.db" check

step "letters (fonts and templates)"
run "$emma" --db "$work/demo.db" letters season --customers 1,2,3 --output "$work/letters.pdf" >/dev/null
head -c 5 "$work/letters.pdf" | grep -q "%PDF-"

step "window opens (offscreen) and quits"
shown=$(run EMMA_QUIT_WHEN_SHOWN=1 timeout 120 "$emma" --db "$work/demo.db")
[[ $shown == *shown* ]]

passed=$((passed + 1))
echo "built app: $app_dir ($(du -sh "$app_dir" | cut -f1))"
echo "package-check: $passed passed, 0 failed"
