//! One board: its columns and cards, and adding influencers by profile link.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use rapport_domain::boards::{
    AddCardStatus, AddCards, AddCardsResponse, BoardView, ByProfile, CardSource, CardView,
    CreateColumn, Label, UpdateColumn,
};
use rapport_domain::profiles::Platform;
use rapport_domain::{CardId, ColumnId};

use crate::api::{self, ApiError};
use crate::board_state::{columns_of, Columns, Filter};
use crate::components::errors::ErrorMessage;
use crate::components::labels::LabelsBar;
use crate::components::mover::Mover;
use crate::components::panel::InfluencerPanel;
use crate::session::use_session;

/// The board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let board_id = move || params.read().get("id").unwrap_or_default();
    let reload = RwSignal::new(0u32);
    // Kept here, above the board's contents, so they survive the reloads changes cause.
    let results = RwSignal::new(Vec::<(String, String)>::new());
    let opened = RwSignal::new(None::<CardId>);
    let filter = RwSignal::new(Filter::default());
    let board = LocalResource::new(move || {
        let id = board_id();
        let _ = reload.get();
        async move { api::get::<BoardView>(session, &format!("/boards/{id}")).await }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the board…"</p> }>
            {move || board.get().map(|result| match result {
                Err(failed) => view! { <p class="error" role="alert">{failed.message()}</p> }.into_any(),
                Ok(view) => view! {
                    <BoardScreen board=view reload=reload results=results opened=opened filter=filter/>
                }.into_any(),
            })}
        </Transition>
        {move || opened.get().map(|card| view! {
            <InfluencerPanel
                card=card
                board=board_id()
                changed=reload
                on_close=Callback::new(move |()| opened.set(None))
            />
        })}
    }
}

#[component]
fn BoardScreen(
    board: BoardView,
    reload: RwSignal<u32>,
    results: RwSignal<Vec<(String, String)>>,
    opened: RwSignal<Option<CardId>>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    let labels = board.labels.clone();
    let column_choices: Vec<(ColumnId, String)> = board
        .columns
        .iter()
        .map(|c| (c.id, c.name.clone()))
        .collect();
    let columns = RwSignal::new(columns_of(&board));
    let add_column_board = board.id.to_string();
    let mover = Mover::new(columns, opened);
    let empty = board.columns.is_empty();
    view! {
        <section class="board">
            <h1 data-testid="board-title">{board.name.clone()}</h1>
            <AddInfluencers board=board.id.to_string() columns=column_choices reload=reload results=results/>
            <LabelsBar board=board.id.to_string() labels=labels.clone() filter=filter reload=reload/>
            <div class="sr-only" aria-live="assertive" data-testid="live-region">{move || mover.status.get()}</div>
            <ErrorMessage error=mover.error/>
            <Show when=move || empty>
                <p class="empty">"This board has no columns yet."</p>
            </Show>
            <div class="columns" data-testid="columns">
                <For each=move || columns.get() key=|column| column.id let:column>
                    <ColumnBox id=column.id name=column.name.clone() reload=reload columns=columns mover=mover labels=labels.clone() filter=filter/>
                </For>
                <AddColumn board=add_column_board reload=reload/>
            </div>
        </section>
    }
}

#[component]
fn ColumnBox(
    id: ColumnId,
    name: String,
    reload: RwSignal<u32>,
    columns: RwSignal<Columns>,
    mover: Mover,
    labels: Vec<Label>,
    filter: RwSignal<Filter>,
) -> impl IntoView {
    let cards = move || {
        let filter = filter.get();
        columns.with(|all| {
            all.iter()
                .find(|c| c.id == id)
                .map(|c| {
                    c.cards
                        .iter()
                        .filter(|card| filter.shows(card))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="column" data-testid="column" data-column-id=id.to_string() class:lifted=move || mover.is_column_lifted(id)>
            <ColumnHeader id=id name=name count=Signal::derive(move || cards().len()) mover=mover reload=reload columns=columns/>
            <ol class="cards">
                <For each=cards key=|card| card.id let:card>
                    <CardItem card=card labels=labels.clone() mover=mover/>
                </For>
            </ol>
        </div>
    }
}
/// Initials for the avatar: the first letters of the first two words.
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '.' || c == '_' || c == '@')
        .filter(|w| !w.is_empty())
        .take(2)
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Follower counts as people read them: 950, 12.3K, 4.1M.
pub fn compact(count: i64) -> String {
    match count {
        c if c >= 1_000_000 => format!("{:.1}M", c as f64 / 1_000_000.0),
        c if c >= 1_000 => format!("{:.1}K", c as f64 / 1_000.0),
        c => c.to_string(),
    }
}

fn platform_icon(platform: Platform) -> &'static str {
    match platform {
        Platform::Instagram => "IG",
        Platform::Tiktok => "TT",
        Platform::Youtube => "YT",
    }
}

#[component]
fn CardItem(card: CardView, labels: Vec<Label>, mover: Mover) -> impl IntoView {
    let id = card.id;
    let name = card.influencer.display_name.clone();
    let chips: Vec<Label> = labels
        .into_iter()
        .filter(|l| card.label_ids.contains(&l.id))
        .collect();
    let lifted = move || mover.is_lifted(id);
    view! {
        <li
            class="card-item"
            class:lifted=lifted
            tabindex="0"
            aria-roledescription="draggable card"
            aria-label=format!("{name}: Space lifts it, arrow keys move it, Space drops it, Escape cancels")
            data-testid="card"
            data-card-id=id.to_string()
            on:pointerdown=move |ev| mover.pointer_down(id, &ev)
            on:keydown=move |ev| mover.key(id, &ev)
        >
            <span class="avatar" aria-hidden="true">{initials(&name)}</span>
            <div class="card-body">
                <strong data-testid="card-name">{name.clone()}</strong>
                <ul class="accounts">
                    {card.influencer.accounts.into_iter().map(|account| view! {
                        <li>
                            <span class=format!("platform {}", account.platform.as_str()) title=account.platform.label()>
                                {platform_icon(account.platform)}
                            </span>
                            {account.handle.clone()}
                            {account.followers.map(|f| view! { <span class="muted">{format!(" · {}", compact(f))}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
                <div class="chips">
                    {chips.into_iter().map(|label| view! {
                        <span class="chip" style=format!("background:{}", label.color)>{label.name}</span>
                    }).collect_view()}
                </div>
            </div>
        </li>
    }
}

#[component]
fn AddInfluencers(
    board: String,
    columns: Vec<(ColumnId, String)>,
    reload: RwSignal<u32>,
    results: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let session = use_session();
    let (text, set_text) = signal(String::new());
    let first = columns.first().map(|(id, _)| *id);
    let (column, set_column) = signal(first);
    let error = RwSignal::new(None::<ApiError>);
    let platform_choice = RwSignal::new(None::<Platform>);
    let add = Action::new_local(move |(lines, column): &(Vec<String>, ColumnId)| {
        let lines = lines.clone();
        let column = *column;
        let platform = platform_choice.get_untracked();
        let board = board.clone();
        async move {
            // The platform chosen applies to bare usernames; links say their own.
            let items = lines
                .iter()
                .map(|line| {
                    let bare = !line.contains('/') && !line.contains('.') || line.starts_with('@');
                    CardSource::Profile(ByProfile {
                        profile: line.clone(),
                        platform: if bare { platform } else { None },
                    })
                })
                .collect();
            let response = api::call::<_, AddCardsResponse>(
                session,
                Method::POST,
                &format!("/boards/{board}/cards/bulk"),
                Some(&AddCards {
                    column_id: column,
                    items,
                }),
            )
            .await;
            (lines, response)
        }
    });
    Effect::new(move |_| {
        if let Some((lines, response)) = add.value().get() {
            match response {
                Ok(response) => {
                    results.set(
                        lines
                            .into_iter()
                            .zip(response.results)
                            .map(|(line, result)| {
                                let outcome = match result.status {
                                    AddCardStatus::Added => "added".to_owned(),
                                    AddCardStatus::AlreadyOnBoard => {
                                        "already on the board".to_owned()
                                    }
                                    AddCardStatus::Invalid => result.error.map_or_else(
                                        || "not added".to_owned(),
                                        |e| format!("not added: {}", e.message),
                                    ),
                                };
                                (line, outcome)
                            })
                            .collect(),
                    );
                    set_text.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        }
    });
    view! {
        <details class="add-influencers" open=true>
            <summary>"Add influencers"</summary>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                let lines: Vec<String> = text.get().lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                if let (false, Some(column)) = (lines.is_empty(), column.get()) {
                    add.dispatch((lines, column));
                }
            }>
                <textarea data-testid="add-profiles" rows="3"
                    placeholder="Paste profile links, one a line: instagram.com/name, tiktok.com/@name, youtube.com/@name"
                    on:input=move |ev| set_text.set(event_target_value(&ev)) prop:value=text></textarea>
                <select data-testid="add-platform" aria-label="Platform of bare usernames"
                    on:change=move |ev| platform_choice.set(Platform::parse(&event_target_value(&ev)))>
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
                {move || results.get().into_iter().map(|(line, outcome)| view! {
                    <li data-testid="add-result"><code>{line}</code>" — "{outcome}</li>
                }).collect_view()}
            </ul>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_counts_read_well() {
        assert_eq!(initials("Mia Lens"), "ML");
        assert_eq!(initials("mia.lens"), "ML");
        assert_eq!(initials("@KaiRuns"), "K");
        assert_eq!(compact(950), "950");
        assert_eq!(compact(12_345), "12.3K");
        assert_eq!(compact(4_100_000), "4.1M");
    }
}

/// A column's header: its name (drag it, or focus it and press Space, to move the column), and
/// rename and delete.
#[component]
fn ColumnHeader(
    id: ColumnId,
    name: String,
    count: Signal<usize>,
    mover: Mover,
    reload: RwSignal<u32>,
    columns: RwSignal<Columns>,
) -> impl IntoView {
    let session = use_session();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(name.clone());
    let error = RwSignal::new(None::<ApiError>);
    let send = move |method: Method, path: String, body: Option<UpdateColumn>| {
        spawn_local(async move {
            match api::call::<_, serde_json::Value>(session, method, &path, body.as_ref()).await {
                Ok(_) => {
                    error.set(None);
                    editing.set(false);
                    reload.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    let delete = move |_| {
        let others: Vec<(ColumnId, String)> = columns.with_untracked(|all| {
            all.iter()
                .filter(|c| c.id != id)
                .map(|c| (c.id, c.name.clone()))
                .collect()
        });
        let path = if count.get_untracked() == 0 {
            format!("/columns/{id}")
        } else {
            match others.first() {
                Some((target, _)) => format!("/columns/{id}?move_cards_to={target}"),
                None => format!("/columns/{id}?delete_cards=true"),
            }
        };
        send(Method::DELETE, path, None);
    };
    view! {
        <Show
            when=move || editing.get()
            fallback={
                let name = name.clone();
                move || view! {
                    <h2 tabindex="0" aria-roledescription="draggable column" data-testid="column-header"
                        aria-label=format!("Column {}: Space lifts it, left and right arrows move it", name)
                        on:pointerdown=move |ev| mover.column_pointer_down(id, &ev)
                        on:keydown=move |ev| mover.column_key(id, &ev)>
                        <span class="column-name">{name.clone()}</span>
                        <span class="count">{move || count.get()}</span>
                    </h2>
                }
            }
        >
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                send(Method::PATCH, format!("/columns/{id}"), Some(UpdateColumn { name: draft.get_untracked() }));
            }>
                <input data-testid="column-rename-input" prop:value=draft on:input=move |ev| draft.set(event_target_value(&ev))/>
                <button type="submit" data-testid="column-rename-save">"Save"</button>
            </form>
        </Show>
        <div class="column-actions">
            <button class="link" data-testid="column-rename" on:click=move |_| editing.set(true)>"Rename"</button>
            " "
            <button class="link" data-testid="column-delete" title="Cards move to the first other column" on:click=delete>"Delete"</button>
        </div>
        <ErrorMessage error=error/>
    }
}

/// Adds a column at the end.
#[component]
fn AddColumn(board: String, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let add = move |_| {
        let request = CreateColumn {
            name: name.get_untracked(),
            before: None,
            after: None,
        };
        let board = board.clone();
        spawn_local(async move {
            match api::call::<_, serde_json::Value>(
                session,
                Method::POST,
                &format!("/boards/{board}/columns"),
                Some(&request),
            )
            .await
            {
                Ok(_) => {
                    name.set(String::new());
                    error.set(None);
                    reload.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
    };
    view! {
        <form class="column add-column" on:submit=move |ev| { ev.prevent_default(); add(()); }>
            <input data-testid="column-name" placeholder="New column" required prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <button type="submit" data-testid="column-add">"Add column"</button>
            <ErrorMessage error=error/>
        </form>
    }
}
