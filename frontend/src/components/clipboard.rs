//! The clipboard, for "Copy" buttons (secrets shown once, links).

use leptos::prelude::window;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard; false when the browser does not let it (no clipboard outside a
/// secure context, or permission refused).
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let clipboard = js_sys::Reflect::get(navigator.as_ref(), &"clipboard".into())
        .ok()
        .filter(|found| !found.is_undefined() && !found.is_null());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    JsFuture::from(clipboard.write_text(text)).await.is_ok()
}
