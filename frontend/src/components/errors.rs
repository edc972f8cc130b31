//! Showing a failed call: the problem's `detail`.

use leptos::prelude::*;

use crate::api::ApiError;

/// The message of an error, if any.
#[component]
pub fn ErrorMessage(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|error| {
            view! { <p class="error" role="alert" data-testid="error">{error.message()}</p> }
        })
    }
}
