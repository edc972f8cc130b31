//! Renaming in place: the input that replaces a name while it is edited. It takes the focus with
//! the name selected; Enter (or leaving it) saves, Escape cancels.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

/// The input editing `name` while `editing` holds; a changed, non-blank name goes to `on_save`.
#[component]
pub fn NameInput(
    name: String,
    editing: RwSignal<bool>,
    #[prop(into)] label: String,
    testid: &'static str,
    on_save: Callback<String>,
) -> impl IntoView {
    let input = NodeRef::<html::Input>::new();
    let draft = RwSignal::new(name.clone());
    let name = StoredValue::new(name);
    Effect::new(move |_| {
        if let Some(element) = input.get() {
            let _ = element.focus();
            element.select();
        }
    });
    // Saving ends the edit first, so the blur that follows (the input leaves the page) does not
    // save a second time.
    let finish = move |save: bool| {
        if !editing.get_untracked() {
            return;
        }
        editing.set(false);
        let value = draft.get_untracked().trim().to_owned();
        if save && !value.is_empty() && name.with_value(|name| value != *name) {
            on_save.run(value);
        }
    };
    view! {
        <input class="name-input" node_ref=input aria-label=label data-testid=testid maxlength="100"
            value=draft.get_untracked()
            on:input=move |event| draft.set(event_target_value(&event))
            on:pointerdown=|event| event.stop_propagation()
            on:keydown=move |event: ev::KeyboardEvent| {
                event.stop_propagation();
                match event.key().as_str() {
                    "Enter" => { event.prevent_default(); finish(true); }
                    "Escape" => { event.prevent_default(); finish(false); }
                    _ => {}
                }
            }
            on:blur=move |_| finish(true)/>
    }
}
