#!/usr/bin/env bash
# Builds the web app into frontend/dist/: cargo for wasm32, the wasm-bindgen CLI at exactly the
# Cargo.lock version (installed once into the cache), wasm-split (the `#[lazy]` screens become
# chunks loaded on first use), wasm-opt -Oz from npm's binaryen (Debian's is too old), and
# content-hashed asset names. No tool downloads anything at build time.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${CACHE:-$HOME/.cache/rapport}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$cache/target}
target=$CARGO_TARGET_DIR
dist="$root/frontend/dist"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
bindgen="$cache/tools/bin/wasm-bindgen"
splitter="$cache/tools/bin/wasm-split-cli"
split_version=0.2.4
if ! [ -x "$splitter" ] || ! grep -qxF "$split_version" "$cache/tools/wasm-split-cli.version" 2>/dev/null; then
  echo "Installing wasm-split-cli $split_version into $cache/tools (once; a few minutes)"
  CARGO_TARGET_DIR="$cache/install-target" cargo install -q --locked "wasm_split_cli_support@$split_version" \
    --features build-binary --root "$cache/tools" --force
  echo "$split_version" > "$cache/tools/wasm-split-cli.version"
fi
if ! "$bindgen" --version 2>/dev/null | grep -qF "$version"; then
  echo "Installing wasm-bindgen-cli $version into $cache/tools (once; a few minutes)"
  CARGO_TARGET_DIR="$cache/install-target" cargo install -q "wasm-bindgen-cli@$version" --root "$cache/tools" --force
fi
if [ ! -x "$root/frontend/node_modules/.bin/wasm-opt" ]; then
  (cd "$root/frontend" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The linker keeps its relocations (--emit-relocs): wasm-split reads them to move the code only
# `#[lazy]` functions reach into chunks loaded on first use (frontend/src/app.rs names them).
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C link-args=--emit-relocs" \
  cargo build --quiet --profile wasm-release --target wasm32-unknown-unknown -p rapport-web

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/split" "$work/out"
"$splitter" "$target/wasm32-unknown-unknown/wasm-release/rapport-web.wasm" "$work/split" \
  --out-name rapport --target web
# --keep-lld-exports: the chunks use the main module's function table, which it must export.
"$bindgen" --target web --no-typescript --keep-lld-exports --out-dir "$work/out" --out-name rapport \
  "$work/split/rapport.wasm"
opt="$root/frontend/node_modules/.bin/wasm-opt"
"$opt" -Oz "$work/out/rapport_bg.wasm" -o "$work/out/rapport.wasm"
chunks=()
for chunk in "$work"/split/*.wasm; do
  name=$(basename "$chunk" .wasm)
  [ "$name" = rapport ] && continue
  # wasm-opt cannot read the name subsection wasm-split writes; it only warns.
  "$opt" -Oz "$chunk" -o "$work/out/$name.wasm" 2>/dev/null
  chunks+=("$name")
done

# One build id names every file: the glue, the loader and the chunks refer to each other by name.
build=$(for f in rapport.wasm rapport.js "${chunks[@]/%/.wasm}"; do cat "$work/out/$f"; done \
  | cat - "$work/split/__wasm_split.js" | sha256sum | cut -c1-12)
css="style-$(sha256sum "$root/frontend/style.css" | cut -c1-12).css"
js="rapport-$build.js"
wasm="rapport-$build.wasm"
loader="split-$build.js"
rm -rf "$dist"
mkdir -p "$dist/assets"
# Only the `import … from` lines: the wasm module names its imports "./__wasm_split.js" itself.
sed -e "s#from \"\./__wasm_split\.js\"#from \"./$loader\"#g" "$work/out/rapport.js" > "$dist/assets/$js"
rename=(-e "s#\"\./rapport\.js\"#\"./$js\"#g")
for name in "${chunks[@]}"; do
  cp "$work/out/$name.wasm" "$dist/assets/$name-$build.wasm"
  rename+=(-e "s#\"\./$name\.wasm\"#\"./$name-$build.wasm\"#g")
done
sed "${rename[@]}" "$work/split/__wasm_split.js" > "$dist/assets/$loader"
cp "$work/out/rapport.wasm" "$dist/assets/$wasm"
cp "$root/frontend/style.css" "$dist/assets/$css"
# The page starts the app from a file, never an inline script (the Content-Security-Policy allows none).
sed -e "s/{{JS}}/$js/g" -e "s/{{WASM}}/$wasm/g" "$root/frontend/boot.js" > "$work/boot.js"
boot="boot-$(sha256sum "$work/boot.js" | cut -c1-12).js"
cp "$work/boot.js" "$dist/assets/$boot"
sed -e "s/{{JS}}/$js/g" -e "s/{{WASM}}/$wasm/g" -e "s/{{CSS}}/$css/g" -e "s/{{BOOT}}/$boot/g" \
  "$root/frontend/index.html" > "$dist/index.html"
if grep -q '<script>\|<script type="module">\|{{' "$dist/index.html"; then
  echo "error: frontend/dist/index.html has an inline script or an unfilled name" >&2
  exit 1
fi
if grep -q 'from "\./__wasm_split\.js"\|"\./rapport\.js"' "$dist"/assets/*.js; then
  echo "error: a file of the web app still names an unhashed file" >&2
  exit 1
fi

# The first load is the main module, its glue and the chunk loader; each chunk has its own budget.
gz() { gzip -9c "$@" | wc -c; }
first=$(gz "$dist/assets/$wasm" "$dist/assets/$js" "$dist/assets/$loader" "$dist/assets/$boot")
echo "web app: $dist"
echo "  first load: $first bytes gzipped ($(du -k "$dist/assets/$wasm" | cut -f1) KiB wasm)"
budget=400000
chunk_budget=60000
status=0
for name in "${chunks[@]}"; do
  size=$(gz "$dist/assets/$name-$build.wasm")
  label=$name
  [[ $name == split_* ]] && label=${name%_[0-9]*}
  echo "  chunk $label: $size bytes gzipped"
  if [ "$size" -gt "$chunk_budget" ]; then
    echo "error: the chunk $name is $size bytes gzipped, over its budget of $chunk_budget" >&2
    status=1
  fi
done
if [ "$first" -gt "$budget" ]; then
  echo "error: the web app's first load is $first bytes gzipped, over its budget of $budget (docs/benchmarks.md)" >&2
  status=1
fi
exit $status
