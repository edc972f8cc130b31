//! A modal dialog on the browser's own `<dialog>`: it keeps the focus inside, Escape closes it,
//! and the page behind cannot be used until it does. Its content is built each time it opens.

use leptos::html;
use leptos::prelude::*;

/// A dialog titled `title`, shown while `open` holds; closing it (the × button, Escape, or the
/// content setting `open` to false) sets `open` to false.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    title: &'static str,
    testid: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        let wanted = open.get();
        if let Some(element) = dialog.get() {
            if wanted && !element.open() {
                // Fails only if the element left the page, when there is nothing to show.
                let _ = element.show_modal();
            } else if !wanted && element.open() {
                element.close();
            }
        }
    });
    view! {
        <dialog node_ref=dialog class="dialog" data-testid=testid aria-label=title
            on:close=move |_| open.set(false)>
            <header class="dialog-head">
                <h2>{title}</h2>
                <button type="button" class="icon" aria-label="Close" data-testid=format!("{testid}-close")
                    on:click=move |_| open.set(false)>"×"</button>
            </header>
            {move || open.get().then(|| children())}
        </dialog>
    }
}
