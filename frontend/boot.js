// Starts the web app: loads the wasm-bindgen glue and the main module. A file of its own, not an
// inline script, so the Content-Security-Policy allows no inline script at all
// (scripts/build-web.sh fills in the hashed names).
import init from "./{{JS}}";

init({ module_or_path: "/assets/{{WASM}}" });
