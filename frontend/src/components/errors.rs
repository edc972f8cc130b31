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

/// Shows a change's failure in `error`, or clears the last one when the change went through;
/// answers the value of a success. Called after an await, when the screen that asked may be gone:
/// then there is nothing to show (`try_set`), and a success is still answered.
pub fn report<T>(error: RwSignal<Option<ApiError>>, result: Result<T, ApiError>) -> Option<T> {
    match result {
        Ok(value) => {
            error.try_set(None);
            Some(value)
        }
        Err(failed) => {
            error.try_set(Some(failed));
            None
        }
    }
}
