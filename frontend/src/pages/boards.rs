//! The team's boards: list and create.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rapport_domain::boards::{Board, BoardListQuery, ColumnName, CreateBoard, UpdateBoard};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::session::use_session;

/// Column names offered for a new board.
const DEFAULT_COLUMNS: &str = "Contacted, Negotiating, Content live";

/// The boards page.
#[component]
pub fn BoardsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.stored.get().is_none() {
            navigate("/login", Default::default());
        }
    });
    let refetch = Trigger::new();
    let (name, set_name) = signal(String::new());
    let (columns, set_columns) = signal(DEFAULT_COLUMNS.to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let create = Action::new_local(Change::run);
    let submit = move |request: CreateBoard| {
        let team = session.team.get_untracked();
        create.dispatch_local(Change::new(async move {
            let created = match team {
                Some(team) => api::boards::create_board(team, &request).await,
                None => Err(ApiError {
                    status: 0,
                    problem: None,
                }),
            };
            if report(error, created).is_some() {
                set_name.set(String::new());
                refetch.notify();
            }
        }));
    };
    let archived = RwSignal::new(false);
    let boards = LocalResource::new(move || {
        let team = session.team.get();
        let archived = archived.get();
        refetch.track();
        async move {
            let Some(team) = team else { return Ok(None) };
            let filter = BoardListQuery {
                archived: Some(archived),
                limit: Some(200),
                cursor: None,
            };
            api::boards::list_boards(team, &filter).await.map(Some)
        }
    });
    view! {
        <section class="boards">
            <h1>"Boards"</h1>
            <form class="inline" on:submit=move |ev| {
                ev.prevent_default();
                let columns = columns
                    .get()
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(|c| ColumnName(c.to_owned()))
                    .collect();
                submit(CreateBoard { name: name.get(), columns });
            }>
                <input data-testid="board-name" placeholder="New board name" required
                    on:input=move |ev| set_name.set(event_target_value(&ev)) prop:value=name/>
                <input data-testid="board-columns" aria-label="Columns, separated by commas"
                    on:input=move |ev| set_columns.set(event_target_value(&ev)) prop:value=columns/>
                <button type="submit" data-testid="board-create" disabled=move || create.pending().get()>"Create board"</button>
            </form>
            <ErrorMessage error=error/>
            <label class="check">
                <input type="checkbox" data-testid="show-archived" prop:checked=archived
                    on:change=move |ev| archived.set(event_target_checked(&ev))/>
                "Show archived boards"
            </label>
            <Suspense fallback=|| view! { <p class="loading">"Loading boards…"</p> }>
                {move || boards.get().map(|result| match result {
                    Err(failed) => view! { <p class="error" role="alert">{failed.message()}</p> }.into_any(),
                    Ok(None) => view! { <p class="loading">"Loading your team…"</p> }.into_any(),
                    Ok(Some(page)) if page.items.is_empty() => view! {
                        <p class="empty" data-testid="boards-empty">"No boards yet: create one above."</p>
                    }.into_any(),
                    Ok(Some(page)) => view! {
                        <ul class="board-list" data-testid="board-list">
                            {page.items.into_iter().map(|board| view! { <BoardRow board=board refetch=refetch error=error/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One board of the list, with rename and archive or restore; a change notifies `refetch`.
#[component]
fn BoardRow(board: Board, refetch: Trigger, error: RwSignal<Option<ApiError>>) -> impl IntoView {
    let id = board.id;
    let editing = RwSignal::new(false);
    let name = RwSignal::new(board.name.clone());
    let changes = Action::new_local(Change::run);
    let update = move |request: UpdateBoard| {
        changes.dispatch_local(Change::new(async move {
            if report(error, api::boards::update_board(id, &request).await).is_some() {
                editing.set(false);
                refetch.notify();
            }
        }));
    };
    let archived = board.archived_at.is_some();
    view! {
        <li data-testid="board-row">
            <Show
                when=move || editing.get()
                fallback=move || view! { <A href=format!("/boards/{id}") attr:data-testid="board-link">{name.get()}</A> }
            >
                <form class="inline" on:submit=move |ev| {
                    ev.prevent_default();
                    update(UpdateBoard { name: Some(name.get_untracked()), archived: None });
                }>
                    <input data-testid="board-rename-input" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                    <button type="submit" data-testid="board-rename-save">"Save"</button>
                </form>
            </Show>
            <span class="muted">{format!("{} columns · {} cards", board.column_count, board.card_count)}</span>
            <span class="actions">
                <button class="link" data-testid="board-rename" on:click=move |_| editing.set(true)>"Rename"</button>
                " "
                <button class="link" data-testid=if archived { "board-restore" } else { "board-archive" }
                    on:click=move |_| update(UpdateBoard { name: None, archived: Some(!archived) })>
                    {if archived { "Restore" } else { "Archive" }}
                </button>
            </span>
        </li>
    }
}
