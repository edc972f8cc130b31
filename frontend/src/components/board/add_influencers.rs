//! Adding influencers by profile link or username, one a line, each line saying what happened to
//! it. The platform chosen applies to bare usernames only (links say their own); which lines are
//! usernames is the domain's rule, the one the API applies.

use leptos::prelude::*;
use rapport_domain::boards::{AddCardStatus, AddCards, AddCardsResponse, ByProfile, CardSource};
use rapport_domain::profiles::{is_bare_username, Platform};
use rapport_domain::ColumnId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::dialog::Dialog;
use crate::components::errors::ErrorMessage;
use crate::components::platform_select::PlatformSelect;
use crate::contexts::board::{use_board, use_loaded_board};

/// The request adding `lines` to `column`, with `platform` for the bare usernames.
pub fn add_request(lines: &[String], column: ColumnId, platform: Option<Platform>) -> AddCards {
    let items = lines
        .iter()
        .map(|line| {
            CardSource::Profile(ByProfile {
                profile: line.clone(),
                platform: platform.filter(|_| is_bare_username(line)),
            })
        })
        .collect();
    AddCards {
        column_id: column,
        items,
    }
}

/// What happened to each line.
fn outcomes(lines: Vec<String>, response: AddCardsResponse) -> Vec<(String, String)> {
    lines
        .into_iter()
        .zip(response.results)
        .map(|(line, result)| {
            let outcome = match result.status {
                AddCardStatus::Added => "added".to_owned(),
                AddCardStatus::AlreadyOnBoard => "already on the board".to_owned(),
                AddCardStatus::Invalid => result.error.map_or_else(
                    || "not added".to_owned(),
                    |e| format!("not added: {}", e.message),
                ),
            };
            (line, outcome)
        })
        .collect()
}

/// The "Add influencers" dialog: links or usernames, the platform of bare usernames, the column;
/// after adding, each line's outcome, until the user is done.
#[component]
pub fn AddInfluencersDialog() -> impl IntoView {
    let page = use_board();
    view! {
        <Dialog open=page.adding title="Add influencers" testid="add-dialog">
            <AddInfluencersForm/>
        </Dialog>
    }
}

#[component]
fn AddInfluencersForm() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board();
    let columns: Vec<(ColumnId, String)> = page
        .columns
        .with_untracked(|all| all.iter().map(|c| (c.id, c.name.clone())).collect());
    let (text, set_text) = signal(String::new());
    let (column, set_column) = signal(columns.first().map(|(id, _)| *id));
    let error = RwSignal::new(None::<ApiError>);
    let platform = RwSignal::new(None::<Platform>);
    let add = Action::new_local(Change::run);
    let submit = move |lines: Vec<String>, column: ColumnId| {
        let request = add_request(&lines, column, platform.get_untracked());
        add.dispatch_local(Change::new(async move {
            match api::cards::add_cards(board.id, &request).await {
                Ok(response) => {
                    page.added.set(outcomes(lines, response));
                    set_text.set(String::new());
                    page.refetch.notify();
                }
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    let no_column = columns.is_empty();
    view! {
        <form on:submit=move |ev| {
            ev.prevent_default();
            error.set(None);
            let lines: Vec<String> = text.get().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
            if let (false, Some(column)) = (lines.is_empty(), column.get()) {
                submit(lines, column);
            }
        }>
            <label>"Profile links or usernames, one a line"
                <textarea data-testid="add-profiles" rows="5" autofocus
                    placeholder="instagram.com/name\ntiktok.com/@name\nyoutube.com/@name\nname"
                    on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text></textarea>
            </label>
            <div class="row">
                <label>"Usernames are on"
                    <PlatformSelect testid="add-platform" placeholder="(choose)" chosen=platform/>
                </label>
                <label>"Column"
                    <select data-testid="add-column"
                        on:change=move |ev| set_column.set(event_target_value(&ev).parse().ok())>
                        {columns.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            {no_column.then(|| view! { <p class="error">"Add a column first: cards live in columns."</p> })}
            <ErrorMessage error=error/>
            <ul class="results" data-testid="add-results">
                {move || page.added.get().into_iter().map(|(line, outcome)| view! {
                    <li data-testid="add-result"><code>{line}</code>" — "{outcome}</li>
                }).collect_view()}
            </ul>
            <div class="dialog-actions">
                <button type="button" class="secondary" data-testid="add-done" on:click=move |_| page.adding.set(false)>"Done"</button>
                <button type="submit" data-testid="add-submit" disabled=move || no_column || add.pending().get()>"Add to board"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
#[path = "add_influencers_tests.rs"]
mod tests;
