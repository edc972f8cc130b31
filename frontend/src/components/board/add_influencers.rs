//! Adding influencers by profile link or username, one a line, each line saying what happened to
//! it. The platform chosen applies to bare usernames only (links say their own); which lines are
//! usernames is the domain's rule, the one the API applies.

use leptos::prelude::*;
use rapport_domain::boards::{AddCardStatus, AddCards, AddCardsResponse, ByProfile, CardSource};
use rapport_domain::profiles::{is_bare_username, Platform};
use rapport_domain::ColumnId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::ErrorMessage;
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

/// The "Add influencers" form and the last add's results.
#[component]
pub fn AddInfluencers() -> impl IntoView {
    let page = use_board();
    let board = use_loaded_board();
    let columns: Vec<(ColumnId, String)> = board
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
    view! {
        <details class="add-influencers" open=true>
            <summary>"Add influencers"</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                let lines: Vec<String> = text.get().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                if let (false, Some(column)) = (lines.is_empty(), column.get()) {
                    submit(lines, column);
                }
            }>
                <textarea data-testid="add-profiles" rows="3"
                    placeholder="Paste profile links, one a line: instagram.com/name, tiktok.com/@name, youtube.com/@name"
                    on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text></textarea>
                <select data-testid="add-platform" aria-label="Platform of bare usernames"
                    on:change=move |ev| platform.set(Platform::parse(&event_target_value(&ev)))>
                    <option value="">"Usernames are on… (choose)"</option>
                    <option value="instagram">"Instagram"</option>
                    <option value="tiktok">"TikTok"</option>
                    <option value="youtube">"YouTube"</option>
                </select>
                <select data-testid="add-column" aria-label="Column"
                    on:change=move |ev| set_column.set(event_target_value(&ev).parse().ok())>
                    {columns.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view()}
                </select>
                <button type="submit" data-testid="add-submit" disabled=move || add.pending().get()>"Add to board"</button>
            </form>
            <ErrorMessage error=error/>
            <ul class="results" data-testid="add-results">
                {move || page.added.get().into_iter().map(|(line, outcome)| view! {
                    <li data-testid="add-result"><code>{line}</code>" — "{outcome}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}

#[cfg(test)]
#[path = "add_influencers_tests.rs"]
mod tests;
