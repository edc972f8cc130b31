//! Notes and team comments: both are notes on the influencer (the API keeps them apart by kind:
//! notes, and comments among the team), with the same shape and rules, so one list shows either.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use rapport_domain::notes::{Comment, Note, NoteKind, WriteBody};
use rapport_domain::page::PageQuery;
use rapport_domain::{InfluencerId, NoteId, UserId};

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::report;
use crate::contexts::influencer::use_influencer;
use crate::session::use_session;

/// The list's heading.
fn title(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "Notes",
        NoteKind::Comment => "Team comments",
    }
}

/// The API's plural, which also names the list's test hooks (`notes-add`, `comments-item`).
fn plural(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Note => "notes",
        NoteKind::Comment => "comments",
    }
}

/// Which note, of either kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoteRef {
    Note(NoteId),
    Comment(NoteId),
}

/// A note of either kind, as the list shows it.
#[derive(Debug, Clone)]
struct Entry {
    id: NoteRef,
    author_id: UserId,
    author_name: String,
    body: String,
    created_at: DateTime<Utc>,
}

impl From<Note> for Entry {
    fn from(note: Note) -> Self {
        Self {
            id: NoteRef::Note(note.id),
            author_id: note.author_id,
            author_name: note.author_name,
            body: note.body,
            created_at: note.created_at,
        }
    }
}

impl From<Comment> for Entry {
    fn from(comment: Comment) -> Self {
        Self {
            id: NoteRef::Comment(comment.id),
            author_id: comment.author_id,
            author_name: comment.author_name,
            body: comment.body,
            created_at: comment.created_at,
        }
    }
}

async fn list(kind: NoteKind, influencer: InfluencerId) -> Result<Vec<Entry>, ApiError> {
    let page = PageQuery::default();
    Ok(match kind {
        NoteKind::Note => api::notes::list_notes(influencer, &page)
            .await?
            .items
            .into_iter()
            .map(Entry::from)
            .collect(),
        NoteKind::Comment => api::comments::list_comments(influencer, &page)
            .await?
            .items
            .into_iter()
            .map(Entry::from)
            .collect(),
    })
}

async fn create(
    kind: NoteKind,
    influencer: InfluencerId,
    body: &WriteBody,
) -> Result<(), ApiError> {
    match kind {
        NoteKind::Note => api::notes::create_note(influencer, body).await.map(drop),
        NoteKind::Comment => api::comments::create_comment(influencer, body)
            .await
            .map(drop),
    }
}

async fn update(id: NoteRef, body: &WriteBody) -> Result<(), ApiError> {
    match id {
        NoteRef::Note(id) => api::notes::update_note(id, body).await.map(drop),
        NoteRef::Comment(id) => api::comments::update_comment(id, body).await.map(drop),
    }
}

async fn delete(id: NoteRef) -> Result<(), ApiError> {
    match id {
        NoteRef::Note(id) => api::notes::delete_note(id).await,
        NoteRef::Comment(id) => api::comments::delete_comment(id).await,
    }
}

/// The influencer's notes of one kind, newest first: write one, edit your own, delete.
#[component]
pub fn NotesList(influencer: InfluencerId, kind: NoteKind) -> impl IntoView {
    let session = use_session();
    let error = use_influencer().error;
    let refetch = Trigger::new();
    let notes = LocalResource::new(move || {
        refetch.track();
        list(kind, influencer)
    });
    let text = RwSignal::new(String::new());
    let changes = Action::new_local(Change::run);
    let add = move |body: WriteBody| {
        changes.dispatch_local(Change::new(async move {
            if report(error, create(kind, influencer, &body).await).is_some() {
                text.set(String::new());
                refetch.notify();
            }
        }));
    };
    let save = move |id: NoteRef, body: WriteBody| {
        changes.dispatch_local(Change::new(async move {
            if report(error, update(id, &body).await).is_some() {
                refetch.notify();
            }
        }));
    };
    let remove = move |id: NoteRef| {
        changes.dispatch_local(Change::new(async move {
            match delete(id).await {
                Ok(()) => refetch.notify(),
                Err(failed) => error.set(Some(failed)),
            }
        }));
    };
    let hook = move |name: &str| format!("{}-{name}", plural(kind));
    view! {
        <section data-testid=format!("panel-{}", plural(kind))>
            <h3>{title(kind)}</h3>
            <form on:submit=move |ev| {
                ev.prevent_default();
                add(WriteBody { body: text.get_untracked() });
            }>
                <textarea rows="2" data-testid=hook("input") prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <button type="submit" data-testid=hook("add")>"Add"</button>
            </form>
            <ul class="posts">
                {move || notes.get().map(|result| match result {
                    Err(failed) => view! { <li class="error">{failed.message()}</li> }.into_any(),
                    Ok(entries) if entries.is_empty() => view! { <li class="empty">"Nothing yet."</li> }.into_any(),
                    Ok(entries) => entries.into_iter().map(|entry| {
                        let id = entry.id;
                        let editing = RwSignal::new(false);
                        let draft = RwSignal::new(entry.body.clone());
                        let mine = session.stored.get_untracked().is_some_and(|s| s.user.id == entry.author_id);
                        view! {
                            <li data-testid=hook("item")>
                                <Show when=move || editing.get() fallback={
                                    let body = entry.body.clone();
                                    move || view! { <p class="post-body">{body.clone()}</p> }
                                }>
                                    <form on:submit=move |ev| {
                                        ev.prevent_default();
                                        save(id, WriteBody { body: draft.get_untracked() });
                                    }>
                                        <textarea rows="2" data-testid=hook("edit") prop:value=draft
                                            on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                                        <button type="submit" data-testid=hook("save")>"Save"</button>
                                    </form>
                                </Show>
                                <span class="muted">{format!("{} · {}", entry.author_name, entry.created_at.format("%Y-%m-%d %H:%M"))}</span>
                                {mine.then(|| view! { " "<button class="link" data-testid=hook("edit-open") on:click=move |_| editing.set(true)>"Edit"</button> })}
                                " "<button class="link" on:click=move |_| remove(id)>"Delete"</button>
                            </li>
                        }
                    }).collect_view().into_any(),
                })}
            </ul>
        </section>
    }
}
