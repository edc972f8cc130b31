#!/usr/bin/env bash
# Builds the web app into frontend/dist/: cargo for wasm32, the wasm-bindgen CLI at exactly the
# Cargo.lock version (installed once into the cache), wasm-opt -Oz from npm's binaryen (Debian's is
# too old), and content-hashed asset names. No tool downloads anything at build time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CACHE:-$HOME/.cache/rapport}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache/target}
target=$CARGO_TARGET_DIR
dist="$root/frontend/dist"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
bindgen="$cache/tools/bin/wasm-bindgen"
if ! "$bindgen" --version 2>/dev/null | grep -qF "$version"; then
  echo "Installing wasm-bindgen-cli $version into $cache/tools (once; a few minutes)"
  CARGO_TARGET_DIR="$cache/install-target" cargo install -q "wasm-bindgen-cli@$version" --root "$cache/tools" --force
fi
if [ ! -x "$root/frontend/node_modules/.bin/wasm-opt" ]; then
  (cd "$root/frontend" && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown -p rapport-web

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bindgen" --target web --no-typescript --out-dir "$work" --out-name rapport \
  "$target/wasm32-unknown-unknown/wasm-release/rapport-web.wasm"
"$root/frontend/node_modules/.bin/wasm-opt" -Oz "$work/rapport_bg.wasm" -o "$work/rapport_bg.opt.wasm"

hash() { sha256sum "$1" | cut -c1-12; }
js="rapport-$(hash "$work/rapport.js").js"
wasm="rapport-$(hash "$work/rapport_bg.opt.wasm").wasm"
css="style-$(hash "$root/frontend/style.css").css"
rm -rf "$dist"
mkdir -p "$dist/assets"
cp "$work/rapport.js" "$dist/assets/$js"
cp "$work/rapport_bg.opt.wasm" "$dist/assets/$wasm"
cp "$root/frontend/style.css" "$dist/assets/$css"
sed -e "s/{{JS}}/$js/g" -e "s/{{WASM}}/$wasm/g" -e "s/{{CSS}}/$css/g" "$root/frontend/index.html" > "$dist/index.html"
compressed=$(gzip -9c "$dist/assets/$wasm" "$dist/assets/$js" | wc -c)
echo "web app: $dist ($(du -k "$dist/assets/$wasm" | cut -f1) KiB wasm, $compressed bytes wasm+js gzipped)"
budget=400000
if [ "$compressed" -gt "$budget" ]; then
  echo "error: the web app is $compressed bytes gzipped, over its budget of $budget (docs/benchmarks.md)" >&2
  exit 1
fi
