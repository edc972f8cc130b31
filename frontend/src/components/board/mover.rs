//! Moving cards by pointer (mouse, touch, pen) and by keyboard. Moves show at once; the API is
//! told after, and a refused move puts the card back with the server's message. Every keyboard
//! step is announced through a live region.

use std::future::Future;

use leptos::ev;
use leptos::prelude::*;
use rapport_domain::boards::{MoveCard, MoveColumn};
use rapport_domain::{CardId, ColumnId};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::board_state::{locate, move_card, move_column, neighbours, step, Columns, Step};
use crate::change::Change;

/// Pixels a pointer travels before a press becomes a drag.
const DRAG_THRESHOLD: f64 = 6.0;

#[derive(Clone)]
struct ColumnDrag {
    column: ColumnId,
    x: f64,
    active: bool,
    before: Columns,
}

#[derive(Clone)]
struct Drag {
    card: CardId,
    x: f64,
    y: f64,
    active: bool,
    before: Columns,
}

/// The move machinery of one board.
#[derive(Clone, Copy)]
pub struct Mover {
    columns: RwSignal<Columns>,
    drag: RwSignal<Option<Drag>>,
    column_drag: RwSignal<Option<ColumnDrag>>,
    /// Keyboard: the lifted column and the board before it was lifted.
    lifted_column: RwSignal<Option<(ColumnId, Columns)>>,
    /// Keyboard: the lifted card and the board before it was lifted.
    lifted: RwSignal<Option<(CardId, Columns)>>,
    /// What the live region says.
    pub status: RwSignal<String>,
    /// The last refused move.
    pub error: RwSignal<Option<ApiError>>,
    /// The card opened (clicked, or Enter) to show its influencer.
    pub opened: RwSignal<Option<CardId>>,
    /// Whether the last press on a column's header ended in a drag (its click is then no click).
    column_dropped: RwSignal<bool>,
    /// Tells the API where cards and columns are now.
    moves: Action<Change, ()>,
}

impl Mover {
    /// Moves over `columns`; listens to the window for pointer moves and releases. A click (or
    /// Enter) on a card sets `opened`.
    pub fn new(columns: RwSignal<Columns>, opened: RwSignal<Option<CardId>>) -> Self {
        let mover = Self {
            columns,
            drag: RwSignal::new(None),
            column_drag: RwSignal::new(None),
            lifted_column: RwSignal::new(None),
            lifted: RwSignal::new(None),
            status: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            opened,
            column_dropped: RwSignal::new(false),
            moves: Action::new_local(Change::run),
        };
        let on_move = window_event_listener(ev::pointermove, move |ev| mover.pointer_move(&ev));
        let on_up = window_event_listener(ev::pointerup, move |_| mover.pointer_up());
        // While a card is lifted its keys are read here, so they work even if moving the card in
        // the page took the focus away for a moment.
        let on_key = window_event_listener(ev::keydown, move |ev| mover.lifted_key(&ev));
        on_cleanup(move || {
            on_move.remove();
            on_up.remove();
            on_key.remove();
        });
        mover
    }

    /// Whether a card or a column is held (lifted by keyboard, or pressed for a drag), or a
    /// move is on its way to the server (a refusal rolls the board back to before it).
    pub fn is_busy(&self) -> bool {
        self.moves.pending().get()
            || self.lifted.with(Option::is_some)
            || self.lifted_column.with(Option::is_some)
            || self.drag.with(Option::is_some)
            || self.column_drag.with(Option::is_some)
    }

    /// Whether the card is lifted (by keyboard) or being dragged.
    pub fn is_lifted(&self, card: CardId) -> bool {
        self.lifted
            .with(|l| l.as_ref().is_some_and(|(c, _)| *c == card))
            || self
                .drag
                .with(|d| d.as_ref().is_some_and(|d| d.active && d.card == card))
    }

    /// Whether the column is lifted or being dragged.
    pub fn is_column_lifted(&self, column: ColumnId) -> bool {
        self.lifted_column
            .with(|l| l.as_ref().is_some_and(|(c, _)| *c == column))
            || self
                .column_drag
                .with(|d| d.as_ref().is_some_and(|d| d.active && d.column == column))
    }

    /// A press on a column's header: maybe the start of a column drag.
    pub fn column_pointer_down(&self, column: ColumnId, ev: &ev::PointerEvent) {
        self.column_dropped.set(false);
        if ev.button() != 0 || self.lifted_column.get_untracked().is_some() {
            return;
        }
        self.column_drag.set(Some(ColumnDrag {
            column,
            x: f64::from(ev.client_x()),
            active: false,
            before: Vec::new(),
        }));
    }

    fn column_pointer_move(&self, ev: &ev::PointerEvent) -> bool {
        let Some(mut drag) = self.column_drag.get_untracked() else {
            return false;
        };
        let x = f64::from(ev.client_x());
        if !drag.active {
            if (x - drag.x).abs() < DRAG_THRESHOLD {
                return true;
            }
            drag.active = true;
            drag.before = self.columns.get_untracked();
            self.error.set(None);
            self.column_drag.set(Some(drag.clone()));
        }
        ev.prevent_default();
        let over = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.element_from_point(x as f32, ev.client_y() as f32))
            .and_then(|e| e.closest("[data-column-id]").ok().flatten())
            .and_then(|e| e.get_attribute("data-column-id"));
        if let Some(over) = over {
            let columns = self.columns.get_untracked();
            if let Some(index) = columns.iter().position(|c| c.id.to_string() == over) {
                self.columns.update(|columns| {
                    move_column(columns, drag.column, index);
                });
            }
        }
        true
    }

    /// Keyboard on a column's header: Space lifts it (the window listener takes it from there).
    pub fn column_key(&self, column: ColumnId, ev: &ev::KeyboardEvent) {
        if self.lifted_column.get_untracked().is_some() || self.lifted.get_untracked().is_some() {
            return;
        }
        if matches!(ev.key().as_str(), " " | "Spacebar") {
            ev.prevent_default();
            ev.stop_propagation();
            self.lifted_column
                .set(Some((column, self.columns.get_untracked())));
            self.status.set(format!(
                "Lifted column {}. Left and right arrows move it, Space drops it, Escape cancels.",
                self.column_name(column)
            ));
        }
    }

    fn lifted_column_key(&self, ev: &ev::KeyboardEvent) -> bool {
        let Some((column, before)) = self.lifted_column.get_untracked() else {
            return false;
        };
        let name = self.column_name(column);
        match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                self.lifted_column.set(None);
                self.status.set(format!(
                    "Dropped column {name}. {}",
                    self.column_position(column)
                ));
                self.commit_column(column, before);
            }
            "Escape" => {
                ev.prevent_default();
                self.lifted_column.set(None);
                self.columns.set(before);
                self.status
                    .set(format!("Move cancelled. Column {name} is back."));
            }
            key @ ("ArrowLeft" | "ArrowRight") => {
                ev.prevent_default();
                let columns = self.columns.get_untracked();
                let Some(at) = columns.iter().position(|c| c.id == column) else {
                    return true;
                };
                let to = if key == "ArrowLeft" {
                    at.checked_sub(1)
                } else {
                    (at + 1 < columns.len()).then_some(at + 1)
                };
                if let Some(to) = to {
                    self.columns.update(|columns| {
                        move_column(columns, column, to);
                    });
                    self.status
                        .set(format!("Column {name}: {}", self.column_position(column)));
                }
            }
            _ => {}
        }
        focus_selector(&format!("[data-column-id='{column}'] h2"));
        true
    }

    /// Whether the press on a column's header that this click ends was a drag.
    pub fn column_was_dragged(&self) -> bool {
        self.column_dropped.get_untracked()
    }

    /// "Move left" or "Move right" from a column's menu: one step, told to the API at once.
    pub fn shift_column(&self, column: ColumnId, right: bool) {
        let before = self.columns.get_untracked();
        let Some(at) = before.iter().position(|c| c.id == column) else {
            return;
        };
        let to = if right {
            Some(at + 1)
        } else {
            at.checked_sub(1)
        };
        let Some(to) = to.filter(|to| *to < before.len()) else {
            return;
        };
        self.error.set(None);
        self.columns.update(|columns| {
            move_column(columns, column, to);
        });
        self.status.set(format!(
            "Column {}: {}",
            self.column_name(column),
            self.column_position(column)
        ));
        self.commit_column(column, before);
    }

    fn column_name(&self, column: ColumnId) -> String {
        self.columns.with_untracked(|columns| {
            columns
                .iter()
                .find(|c| c.id == column)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    }

    fn column_position(&self, column: ColumnId) -> String {
        self.columns.with_untracked(|columns| {
            columns
                .iter()
                .position(|c| c.id == column)
                .map(|at| format!("Position {} of {}.", at + 1, columns.len()))
                .unwrap_or_default()
        })
    }

    /// Tells the API where the column is now; puts the columns back if refused.
    fn commit_column(&self, column: ColumnId, before: Columns) {
        let now = self.columns.get_untracked();
        let Some(at) = now.iter().position(|c| c.id == column) else {
            return;
        };
        let old = before.iter().position(|c| c.id == column);
        if old == Some(at) {
            return;
        }
        // The request names the column's neighbours where it stands now.
        let request = MoveColumn {
            after: at.checked_sub(1).map(|i| now[i].id),
            before: now.get(at + 1).map(|c| c.id),
        };
        self.send("column", before, async move {
            api::columns::move_column(column, &request).await.map(drop)
        });
    }

    /// A press on a card: maybe the start of a drag.
    pub fn pointer_down(&self, card: CardId, ev: &ev::PointerEvent) {
        if ev.button() != 0 || self.lifted.get_untracked().is_some() {
            return;
        }
        self.drag.set(Some(Drag {
            card,
            x: f64::from(ev.client_x()),
            y: f64::from(ev.client_y()),
            active: false,
            before: Vec::new(),
        }));
    }

    fn pointer_move(&self, ev: &ev::PointerEvent) {
        if self.column_pointer_move(ev) {
            return;
        }
        let Some(mut drag) = self.drag.get_untracked() else {
            return;
        };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        if !drag.active {
            if (x - drag.x).hypot(y - drag.y) < DRAG_THRESHOLD {
                return;
            }
            drag.active = true;
            drag.before = self.columns.get_untracked();
            self.error.set(None);
            self.drag.set(Some(drag.clone()));
        }
        ev.prevent_default();
        if let Some((column, index)) = self.target_at(drag.card, x, y) {
            self.columns.update(|columns| {
                move_card(columns, drag.card, column, index);
            });
        }
    }

    /// The column and position under the pointer, from the cards and columns there.
    fn target_at(&self, card: CardId, x: f64, y: f64) -> Option<(usize, usize)> {
        let document = web_sys::window()?.document()?;
        let element = document.element_from_point(x as f32, y as f32)?;
        let columns = self.columns.get_untracked();
        if let Some(over) = element.closest("[data-card-id]").ok().flatten() {
            let over_id: CardId = over.get_attribute("data-card-id")?.parse().ok()?;
            if over_id == card {
                return None;
            }
            let (column, index) = locate(&columns, over_id)?;
            let rect = over.get_bounding_client_rect();
            let below = y > rect.top() + rect.height() / 2.0;
            let (own_column, own_index) = locate(&columns, card)?;
            // Positions are counted without the moving card.
            let index = if own_column == column && own_index < index {
                index - 1
            } else {
                index
            };
            return Some((column, index + usize::from(below)));
        }
        let column_el = element.closest("[data-column-id]").ok().flatten()?;
        let column_id = column_el.get_attribute("data-column-id")?;
        let column = columns.iter().position(|c| c.id.to_string() == column_id)?;
        let (own_column, _) = locate(&columns, card)?;
        let end = columns[column].cards.len() - usize::from(own_column == column);
        Some((column, end))
    }

    fn pointer_up(&self) {
        if let Some(drag) = self.column_drag.get_untracked() {
            self.column_drag.set(None);
            if drag.active {
                self.column_dropped.set(true);
                self.commit_column(drag.column, drag.before);
            }
            return;
        }
        let Some(drag) = self.drag.get_untracked() else {
            return;
        };
        self.drag.set(None);
        if drag.active {
            self.commit(drag.card, drag.before);
        } else {
            self.opened.set(Some(drag.card));
        }
    }

    /// Keyboard on a card: Enter opens it, Space lifts it (the window listener takes the keys
    /// from there).
    pub fn key(&self, card: CardId, ev: &ev::KeyboardEvent) {
        if self.lifted.get_untracked().is_some() {
            return;
        }
        match ev.key().as_str() {
            "Enter" => {
                ev.prevent_default();
                self.opened.set(Some(card));
            }
            " " | "Spacebar" => {
                ev.prevent_default();
                ev.stop_propagation();
                self.error.set(None);
                self.lifted.set(Some((card, self.columns.get_untracked())));
                self.status.set(format!(
                    "Lifted {}. {} Arrow keys move it, Space drops it, Escape cancels.",
                    self.name_of(card),
                    self.position_text(card)
                ));
            }
            _ => {}
        }
    }

    /// Keys while a card is lifted: arrows move it, Space drops it, Escape puts it back.
    fn lifted_key(&self, ev: &ev::KeyboardEvent) {
        if self.lifted_column_key(ev) {
            return;
        }
        let Some((card, before)) = self.lifted.get_untracked() else {
            return;
        };
        let name = self.name_of(card);
        let direction = match ev.key().as_str() {
            " " | "Spacebar" => {
                ev.prevent_default();
                self.lifted.set(None);
                self.status
                    .set(format!("Dropped {name}. {}", self.position_text(card)));
                self.commit(card, before);
                focus_card(card);
                return;
            }
            "Escape" => {
                ev.prevent_default();
                self.lifted.set(None);
                self.columns.set(before);
                self.status.set(format!(
                    "Move cancelled. {name} is back. {}",
                    self.position_text(card)
                ));
                focus_card(card);
                return;
            }
            "ArrowUp" => Step::Up,
            "ArrowDown" => Step::Down,
            "ArrowLeft" => Step::Left,
            "ArrowRight" => Step::Right,
            _ => return,
        };
        ev.prevent_default();
        if let Some((column, index)) = step(&self.columns.get_untracked(), card, direction) {
            self.columns.update(|columns| {
                move_card(columns, card, column, index);
            });
            self.status
                .set(format!("{name}: {}", self.position_text(card)));
            focus_card(card);
        }
    }

    fn name_of(&self, card: CardId) -> String {
        self.columns.with_untracked(|columns| {
            columns
                .iter()
                .flat_map(|c| c.cards.iter())
                .find(|k| k.id == card)
                .map(|k| k.influencer.display_name.clone())
                .unwrap_or_default()
        })
    }

    fn position_text(&self, card: CardId) -> String {
        self.columns
            .with_untracked(|columns| match locate(columns, card) {
                Some((c, i)) => format!(
                    "Position {} of {} in {}.",
                    i + 1,
                    columns[c].cards.len(),
                    columns[c].name
                ),
                None => String::new(),
            })
    }

    /// Tells the API where the card is now (compared with `before`); puts it back if refused.
    fn commit(&self, card: CardId, before: Columns) {
        let now = self.columns.get_untracked();
        if locate(&before, card) == locate(&now, card)
            && neighbours(&before, card) == neighbours(&now, card)
        {
            return;
        }
        let Some(request) = move_request(&now, card) else {
            return;
        };
        self.send("card", before, async move {
            api::cards::move_card(card, &request).await.map(drop)
        });
    }

    /// Sends a move; a refused one puts the board back as it was (`before`), with the server's
    /// message.
    fn send(
        &self,
        what: &'static str,
        before: Columns,
        request: impl Future<Output = Result<(), ApiError>> + 'static,
    ) {
        let (columns, status, error) = (self.columns, self.status, self.error);
        self.moves.dispatch_local(Change::new(async move {
            if let Err(failed) = request.await {
                columns.set(before);
                status.set(format!(
                    "The move was refused; the {what} is back in its place."
                ));
                error.set(Some(failed));
            }
        }));
    }
}

/// The request that puts `card` where it is in `columns`.
fn move_request(columns: &Columns, card: CardId) -> Option<MoveCard> {
    let (column, _) = locate(columns, card)?;
    let (after, before) = neighbours(columns, card)?;
    Some(MoveCard {
        column_id: Some(columns[column].id),
        before,
        after,
    })
}

/// Keeps keyboard focus on a card after it moved in the page (moving a node drops its focus); runs
/// after the render, before the next key press.
fn focus_card(card: CardId) {
    focus_selector(&format!("[data-card-id='{card}']"));
}

/// Focuses the element `selector` names, after the render.
fn focus_selector(selector: &str) {
    let selector = selector.to_owned();
    set_timeout(
        move || {
            let element = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&selector).ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(element) = element {
                let _ = element.focus();
            }
        },
        std::time::Duration::ZERO,
    );
}
