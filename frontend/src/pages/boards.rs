//! The team's boards: list and create.

use gloo_net::http::Method;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use rapport_domain::boards::{Board, ColumnName, CreateBoard, UpdateBoard};
use rapport_domain::page::Page;

use crate::api::{self, ApiError};
use crate::components::errors::ErrorMessage;
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
    let create = Action::new_local(move |request: &CreateBoard| {
        let request = request.clone();
        async move {
            let team = session.team.get_untracked().ok_or(ApiError {
                status: 0,
                problem: None,
            })?;
            api::call::<_, Board>(
                session,
                Method::POST,
                &format!("/teams/{team}/boards"),
                Some(&request),
            )
            .await
        }
    });
    let changed = RwSignal::new(0u32);
    let archived = RwSignal::new(false);
    let boards = LocalResource::new(move || {
        let team = session.team.get();
        let archived = archived.get();
        let _ = create.version().get();
        let _ = changed.get();
        async move {
            match team {
                Some(team) => api::get::<Page<Board>>(
                    session,
                    &format!("/teams/{team}/boards?limit=200&archived={archived}"),
                )
                .await
                .map(Some),
                None => Ok(None),
            }
        }
    });
    let (name, set_name) = signal(String::new());
    let (columns, set_columns) = signal(DEFAULT_COLUMNS.to_owned());
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| match create.value().get() {
        Some(Ok(_)) => {
            set_name.set(String::new());
            error.set(None);
        }
        Some(Err(failed)) => error.set(Some(failed)),
        None => {}
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
                create.dispatch(CreateBoard { name: name.get(), columns });
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
                            {page.items.into_iter().map(|board| view! { <BoardRow board=board changed=changed error=error/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

/// One board of the list, with rename and archive or restore.
#[component]
fn BoardRow(
    board: Board,
    changed: RwSignal<u32>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let session = use_session();
    let id = board.id;
    let editing = RwSignal::new(false);
    let name = RwSignal::new(board.name.clone());
    let update = move |request: UpdateBoard| {
        spawn_local(async move {
            match api::call::<_, Board>(
                session,
                Method::PATCH,
                &format!("/boards/{id}"),
                Some(&request),
            )
            .await
            {
                Ok(_) => {
                    error.set(None);
                    editing.set(false);
                    changed.update(|v| *v += 1);
                }
                Err(failed) => error.set(Some(failed)),
            }
        });
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
