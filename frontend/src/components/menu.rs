//! A menu behind a button (the "⋯" of a column or a board): it opens below the button, the
//! arrow keys move between its items, Escape or a press outside closes it, and choosing an item
//! closes it too. Items are `<button role="menuitem">`s.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A menu opened by a button showing `face`, labelled `label` for screen readers.
#[component]
pub fn Menu(
    #[prop(into)] label: String,
    face: &'static str,
    /// The button's class: `icon` (a bare "⋯") unless told.
    #[prop(default = "icon")]
    class: &'static str,
    testid: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let list = NodeRef::<html::Div>::new();
    let button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if open.get() {
            if let Some(first) = list.get().and_then(|l| items(&l).into_iter().next()) {
                let _ = first.focus();
            }
        }
    });
    let close = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let on_key = move |event: ev::KeyboardEvent| {
        let Some(element) = list.get_untracked() else {
            return;
        };
        let all = items(&element);
        let active = document().active_element();
        let at = all.iter().position(|item| {
            let node: &web_sys::Node = item;
            active.as_ref().is_some_and(|a| a.is_same_node(Some(node)))
        });
        let next = match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                event.stop_propagation();
                close();
                return;
            }
            "ArrowDown" => at.map_or(0, |i| (i + 1) % all.len().max(1)),
            "ArrowUp" => at.map_or(0, |i| (i + all.len().max(1) - 1) % all.len().max(1)),
            "Home" => 0,
            "End" => all.len().saturating_sub(1),
            _ => return,
        };
        event.prevent_default();
        if let Some(item) = all.get(next) {
            let _ = item.focus();
        }
    };
    view! {
        <div class="menu" on:pointerdown=|event| event.stop_propagation()>
            <button type="button" class=class node_ref=button aria-haspopup="menu" aria-label=label
                aria-expanded=move || open.get().to_string() data-testid=testid
                on:click=move |_| open.update(|o| *o = !*o)>{face}</button>
            <Show when=move || open.get()>
                <div class="menu-backdrop" on:click=move |_| open.set(false)></div>
                <div class="menu-items" role="menu" node_ref=list on:keydown=on_key
                    on:click=move |_| open.set(false)>
                    {children()}
                </div>
            </Show>
        </div>
    }
}

/// The menu's items, in order.
fn items(list: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let Ok(found) = list.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
