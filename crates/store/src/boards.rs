//! Boards, their columns, cards and labels.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;
use rapport_domain::boards::{Board, Card, Column, Label};
use rapport_domain::profiles::Platform;
use rapport_domain::{BoardId, CardId, ColumnId, InfluencerId, LabelId, TeamId, UserId};

use crate::schema::{
    board_columns, boards, card_labels, cards, influencers, labels, memberships, platform_accounts,
};
use crate::time::utc;
use crate::{like_pattern, lower, DbConnection, StoreError};

/// A stored board.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = boards)]
pub struct BoardRow {
    /// UUIDv7.
    pub id: BoardId,
    /// Its team.
    pub team_id: TeamId,
    /// Its name.
    pub name: String,
    /// Archived, if it is.
    pub archived_at: Option<NaiveDateTime>,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl BoardRow {
    /// The API view with its counts.
    pub fn to_board(&self, column_count: i64, card_count: i64) -> Board {
        Board {
            id: self.id,
            team_id: self.team_id,
            name: self.name.clone(),
            archived_at: self.archived_at.map(utc),
            column_count,
            card_count,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }
}

/// A stored column.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = board_columns)]
pub struct ColumnRow {
    /// UUIDv7.
    pub id: ColumnId,
    /// Its board.
    pub board_id: BoardId,
    /// Its name.
    pub name: String,
    /// Order key.
    pub sort_key: String,
    /// Created.
    pub created_at: NaiveDateTime,
}

impl ColumnRow {
    /// The API view.
    pub fn to_column(&self) -> Column {
        Column {
            id: self.id,
            board_id: self.board_id,
            name: self.name.clone(),
            position: self.sort_key.clone(),
            created_at: utc(self.created_at),
        }
    }
}

/// A stored card.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cards)]
pub struct CardRow {
    /// UUIDv7.
    pub id: CardId,
    /// Its board.
    pub board_id: BoardId,
    /// Its column.
    pub column_id: ColumnId,
    /// The influencer on it.
    pub influencer_id: InfluencerId,
    /// Order key within the column.
    pub sort_key: String,
    /// Created.
    pub created_at: NaiveDateTime,
}

impl CardRow {
    /// The API view with its labels.
    pub fn to_card(&self, label_ids: Vec<LabelId>) -> Card {
        Card {
            id: self.id,
            board_id: self.board_id,
            column_id: self.column_id,
            influencer_id: self.influencer_id,
            position: self.sort_key.clone(),
            label_ids,
            created_at: utc(self.created_at),
        }
    }
}

/// A stored label.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = labels)]
pub struct LabelRow {
    /// UUIDv7.
    pub id: LabelId,
    /// Its board.
    pub board_id: BoardId,
    /// Its name.
    pub name: String,
    /// Lower-cased name: unique in the board.
    pub name_key: String,
    /// `#rrggbb`.
    pub color: String,
    /// Created.
    pub created_at: NaiveDateTime,
}

impl LabelRow {
    /// The API view.
    pub fn to_label(&self) -> Label {
        Label {
            id: self.id,
            name: self.name.clone(),
            color: self.color.clone(),
        }
    }
}

// ---- boards

/// Stores a new board.
pub fn insert_board(conn: &mut DbConnection, row: &BoardRow) -> QueryResult<()> {
    diesel::insert_into(boards::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The board with this id.
pub fn find_board(conn: &mut DbConnection, id: BoardId) -> QueryResult<Option<BoardRow>> {
    boards::table
        .find(id)
        .select(BoardRow::as_select())
        .first(conn)
        .optional()
}

/// The team's boards (active or archived), oldest first, with their column and card counts.
pub fn list_boards(
    conn: &mut DbConnection,
    team: TeamId,
    archived: bool,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Board>, StoreError> {
    let mut query = boards::table
        .filter(boards::team_id.eq(team))
        .select(BoardRow::as_select())
        .order(boards::id)
        .limit(limit)
        .into_boxed();
    query = if archived {
        query.filter(boards::archived_at.is_not_null())
    } else {
        query.filter(boards::archived_at.is_null())
    };
    if let Some(after) = after {
        query = query.filter(boards::id.gt(after.to_owned()));
    }
    let rows: Vec<BoardRow> = query.load(conn)?;
    let ids: Vec<BoardId> = rows.iter().map(|b| b.id).collect();
    let columns: HashMap<BoardId, i64> = board_columns::table
        .filter(board_columns::board_id.eq_any(&ids))
        .group_by(board_columns::board_id)
        .select((board_columns::board_id, count_star()))
        .load::<(BoardId, i64)>(conn)?
        .into_iter()
        .collect();
    let card_counts: HashMap<BoardId, i64> = cards::table
        .filter(cards::board_id.eq_any(&ids))
        .group_by(cards::board_id)
        .select((cards::board_id, count_star()))
        .load::<(BoardId, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .iter()
        .map(|row| {
            row.to_board(
                columns.get(&row.id).copied().unwrap_or(0),
                card_counts.get(&row.id).copied().unwrap_or(0),
            )
        })
        .collect())
}

/// Column and card counts of one board.
pub fn board_counts(conn: &mut DbConnection, id: BoardId) -> QueryResult<(i64, i64)> {
    let columns = board_columns::table
        .filter(board_columns::board_id.eq(id))
        .count()
        .get_result(conn)?;
    let cards = cards::table
        .filter(cards::board_id.eq(id))
        .count()
        .get_result(conn)?;
    Ok((columns, cards))
}

/// Renames, archives or restores a board.
pub fn update_board(
    conn: &mut DbConnection,
    id: BoardId,
    name: Option<&str>,
    archived_at: Option<Option<NaiveDateTime>>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    #[derive(AsChangeset)]
    #[diesel(table_name = boards)]
    struct Changes<'a> {
        name: Option<&'a str>,
        archived_at: Option<Option<NaiveDateTime>>,
        updated_at: NaiveDateTime,
    }
    diesel::update(boards::table.find(id))
        .set(Changes {
            name,
            archived_at,
            updated_at: now,
        })
        .execute(conn)
}

/// Deletes a board with its columns, cards and labels (the influencers stay).
pub fn delete_board(conn: &mut DbConnection, id: BoardId) -> QueryResult<usize> {
    diesel::delete(boards::table.find(id)).execute(conn)
}

// ---- columns

/// Stores a new column.
pub fn insert_column(conn: &mut DbConnection, row: &ColumnRow) -> QueryResult<()> {
    diesel::insert_into(board_columns::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The column with this id.
pub fn find_column(conn: &mut DbConnection, id: ColumnId) -> QueryResult<Option<ColumnRow>> {
    board_columns::table
        .find(id)
        .select(ColumnRow::as_select())
        .first(conn)
        .optional()
}

/// The board's columns, left to right.
pub fn columns_of(conn: &mut DbConnection, board: BoardId) -> QueryResult<Vec<ColumnRow>> {
    board_columns::table
        .filter(board_columns::board_id.eq(board))
        .select(ColumnRow::as_select())
        .order((board_columns::sort_key, board_columns::id))
        .load(conn)
}

/// The keys around a position among the board's columns, leaving `moving` out:
/// `(previous, next)` of the spot right before (`before = true`) or after `anchor_key`.
pub fn column_neighbours(
    conn: &mut DbConnection,
    board: BoardId,
    moving: Option<ColumnId>,
    anchor_key: Option<&str>,
    before: bool,
) -> QueryResult<(Option<String>, Option<String>)> {
    let others = || {
        let mut query = board_columns::table
            .filter(board_columns::board_id.eq(board))
            .into_boxed();
        if let Some(moving) = moving {
            query = query.filter(board_columns::id.ne(moving));
        }
        query
    };
    match anchor_key {
        None => {
            let last = others().select(max(board_columns::sort_key)).first(conn)?;
            Ok((last, None))
        }
        Some(anchor) if before => {
            let previous = others()
                .filter(board_columns::sort_key.lt(anchor.to_owned()))
                .select(max(board_columns::sort_key))
                .first(conn)?;
            Ok((previous, Some(anchor.to_owned())))
        }
        Some(anchor) => {
            let next = others()
                .filter(board_columns::sort_key.gt(anchor.to_owned()))
                .select(min(board_columns::sort_key))
                .first(conn)?;
            Ok((Some(anchor.to_owned()), next))
        }
    }
}

/// Renames a column.
pub fn rename_column(conn: &mut DbConnection, id: ColumnId, name: &str) -> QueryResult<usize> {
    diesel::update(board_columns::table.find(id))
        .set(board_columns::name.eq(name))
        .execute(conn)
}

/// Gives a column a new order key.
pub fn set_column_key(conn: &mut DbConnection, id: ColumnId, key: &str) -> QueryResult<usize> {
    diesel::update(board_columns::table.find(id))
        .set(board_columns::sort_key.eq(key))
        .execute(conn)
}

/// Deletes a column (and any cards still in it).
pub fn delete_column(conn: &mut DbConnection, id: ColumnId) -> QueryResult<usize> {
    diesel::delete(board_columns::table.find(id)).execute(conn)
}

// ---- cards

/// Stores a new card; a second card for one influencer on one board is a unique violation.
pub fn insert_card(conn: &mut DbConnection, row: &CardRow) -> QueryResult<()> {
    diesel::insert_into(cards::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The card with this id.
pub fn find_card(conn: &mut DbConnection, id: CardId) -> QueryResult<Option<CardRow>> {
    cards::table
        .find(id)
        .select(CardRow::as_select())
        .first(conn)
        .optional()
}

/// The card with its board, if `user` is a member of the board's team (one query) or one of its
/// live API keys (two more).
pub fn find_card_for_member(
    conn: &mut DbConnection,
    id: CardId,
    user: UserId,
) -> QueryResult<Option<(CardRow, BoardRow)>> {
    let of_member = cards::table
        .inner_join(boards::table.on(boards::id.eq(cards::board_id)))
        .inner_join(memberships::table.on(memberships::team_id.eq(boards::team_id)))
        .filter(cards::id.eq(id))
        .filter(memberships::user_id.eq(user))
        .select((CardRow::as_select(), BoardRow::as_select()))
        .first(conn)
        .optional()?;
    if of_member.is_some() {
        return Ok(of_member);
    }
    let found: Option<(CardRow, BoardRow)> = cards::table
        .inner_join(boards::table.on(boards::id.eq(cards::board_id)))
        .filter(cards::id.eq(id))
        .select((CardRow::as_select(), BoardRow::as_select()))
        .first(conn)
        .optional()?;
    match found {
        Some((card, board)) if crate::api_keys::is_key_of(conn, board.team_id, user)? => {
            Ok(Some((card, board)))
        }
        _ => Ok(None),
    }
}

/// The influencer's card on the board, if any.
pub fn find_card_of(
    conn: &mut DbConnection,
    board: BoardId,
    influencer: InfluencerId,
) -> QueryResult<Option<CardRow>> {
    cards::table
        .filter(cards::board_id.eq(board))
        .filter(cards::influencer_id.eq(influencer))
        .select(CardRow::as_select())
        .first(conn)
        .optional()
}

/// Every card of a board.
pub fn cards_of_board(conn: &mut DbConnection, board: BoardId) -> QueryResult<Vec<CardRow>> {
    cards::table
        .filter(cards::board_id.eq(board))
        .select(CardRow::as_select())
        .load(conn)
}

/// The cards of a column, top to bottom.
pub fn cards_of_column(conn: &mut DbConnection, column: ColumnId) -> QueryResult<Vec<CardRow>> {
    cards::table
        .filter(cards::column_id.eq(column))
        .select(CardRow::as_select())
        .order((cards::sort_key, cards::id))
        .load(conn)
}

/// The keys around a spot in a column, leaving `moving` out (see [`column_neighbours`]).
pub fn card_neighbours(
    conn: &mut DbConnection,
    column: ColumnId,
    moving: Option<CardId>,
    anchor_key: Option<&str>,
    before: bool,
) -> QueryResult<(Option<String>, Option<String>)> {
    let others = || {
        let mut query = cards::table
            .filter(cards::column_id.eq(column))
            .into_boxed();
        if let Some(moving) = moving {
            query = query.filter(cards::id.ne(moving));
        }
        query
    };
    match anchor_key {
        None => {
            let last = others().select(max(cards::sort_key)).first(conn)?;
            Ok((last, None))
        }
        Some(anchor) if before => {
            let previous = others()
                .filter(cards::sort_key.lt(anchor.to_owned()))
                .select(max(cards::sort_key))
                .first(conn)?;
            Ok((previous, Some(anchor.to_owned())))
        }
        Some(anchor) => {
            let next = others()
                .filter(cards::sort_key.gt(anchor.to_owned()))
                .select(min(cards::sort_key))
                .first(conn)?;
            Ok((Some(anchor.to_owned()), next))
        }
    }
}

/// The boards the influencer has a card on.
pub fn boards_of_influencer(
    conn: &mut DbConnection,
    influencer: InfluencerId,
) -> QueryResult<Vec<BoardId>> {
    cards::table
        .filter(cards::influencer_id.eq(influencer))
        .select(cards::board_id)
        .load(conn)
}

/// Moves a card: one row written.
pub fn move_card(
    conn: &mut DbConnection,
    id: CardId,
    column: ColumnId,
    key: &str,
) -> QueryResult<usize> {
    diesel::update(cards::table.find(id))
        .set((cards::column_id.eq(column), cards::sort_key.eq(key)))
        .execute(conn)
}

/// Removes a card from its board.
pub fn delete_card(conn: &mut DbConnection, id: CardId) -> QueryResult<usize> {
    diesel::delete(cards::table.find(id)).execute(conn)
}

/// Label ids applied to a card.
pub fn labels_of_card(conn: &mut DbConnection, card: CardId) -> QueryResult<Vec<LabelId>> {
    card_labels::table
        .filter(card_labels::card_id.eq(card))
        .select(card_labels::label_id)
        .order(card_labels::label_id)
        .load(conn)
}

// ---- labels

/// Stores a new label; a name the board already has (any case) is a unique violation.
pub fn insert_label(conn: &mut DbConnection, row: &LabelRow) -> QueryResult<()> {
    diesel::insert_into(labels::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The label with this id.
pub fn find_label(conn: &mut DbConnection, id: LabelId) -> QueryResult<Option<LabelRow>> {
    labels::table
        .find(id)
        .select(LabelRow::as_select())
        .first(conn)
        .optional()
}

/// The board's labels, by name.
pub fn labels_of(conn: &mut DbConnection, board: BoardId) -> QueryResult<Vec<LabelRow>> {
    labels::table
        .filter(labels::board_id.eq(board))
        .select(LabelRow::as_select())
        .order((labels::name_key, labels::id))
        .load(conn)
}

/// Renames or recolours a label; a taken name is a unique violation.
pub fn update_label(
    conn: &mut DbConnection,
    id: LabelId,
    name: Option<&str>,
    color: Option<&str>,
) -> QueryResult<usize> {
    #[derive(AsChangeset)]
    #[diesel(table_name = labels)]
    struct Changes<'a> {
        name: Option<&'a str>,
        name_key: Option<String>,
        color: Option<&'a str>,
    }
    if name.is_none() && color.is_none() {
        return Ok(0);
    }
    diesel::update(labels::table.find(id))
        .set(Changes {
            name,
            name_key: name.map(str::to_lowercase),
            color,
        })
        .execute(conn)
}

/// The cards carrying a label.
pub fn cards_with_label(conn: &mut DbConnection, label: LabelId) -> QueryResult<Vec<CardRow>> {
    cards::table
        .inner_join(card_labels::table)
        .filter(card_labels::label_id.eq(label))
        .select(CardRow::as_select())
        .load(conn)
}

/// Deletes a label (it comes off every card).
pub fn delete_label(conn: &mut DbConnection, id: LabelId) -> QueryResult<usize> {
    diesel::delete(labels::table.find(id)).execute(conn)
}

/// Applies a label to a card; returns whether it was not applied yet.
///
/// Ids are typed down to the rows, so a call with the two ids swapped does not compile:
/// ```no_run
/// # fn apply(conn: &mut rapport_store::DbConnection, card: rapport_domain::CardId, label: rapport_domain::LabelId) {
/// rapport_store::boards::apply_label(conn, card, label).ok();
/// # }
/// ```
/// ```compile_fail,E0308
/// # fn apply(conn: &mut rapport_store::DbConnection, card: rapport_domain::CardId, label: rapport_domain::LabelId) {
/// rapport_store::boards::apply_label(conn, label, card).ok();
/// # }
/// ```
pub fn apply_label(conn: &mut DbConnection, card: CardId, label: LabelId) -> QueryResult<bool> {
    let exists = card_labels::table
        .find((card, label))
        .count()
        .get_result::<i64>(conn)?;
    if exists > 0 {
        return Ok(false);
    }
    diesel::insert_into(card_labels::table)
        .values((
            card_labels::card_id.eq(card),
            card_labels::label_id.eq(label),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Takes a label off a card; returns whether it was on.
pub fn remove_label(conn: &mut DbConnection, card: CardId, label: LabelId) -> QueryResult<bool> {
    Ok(diesel::delete(card_labels::table.find((card, label))).execute(conn)? > 0)
}

// ---- the whole board

/// One card of a board as the board view needs it.
#[derive(Debug, Clone, Queryable)]
pub struct BoardCardRow {
    /// Card id.
    pub id: CardId,
    /// Its column.
    pub column_id: ColumnId,
    /// The influencer.
    pub influencer_id: InfluencerId,
    /// The influencer's name.
    pub display_name: String,
}

/// Everything a board view shows, in a fixed number of queries (6) whatever the board's size.
pub struct BoardContents {
    /// Columns, left to right.
    pub columns: Vec<ColumnRow>,
    /// Cards (filtered), in column order, top to bottom.
    pub cards: Vec<BoardCardRow>,
    /// Accounts of the board's influencers, oldest first: influencer id, platform, handle,
    /// followers.
    pub accounts: Vec<(InfluencerId, Platform, String, Option<i64>)>,
    /// `(card_id, label_id)` pairs.
    pub card_labels: Vec<(CardId, LabelId)>,
    /// The board's labels.
    pub labels: Vec<LabelRow>,
}

/// Reads a board's contents; cards can be filtered by labels (any of them) and by text.
pub fn board_contents(
    conn: &mut DbConnection,
    board: BoardId,
    label_filter: Option<&[LabelId]>,
    text: Option<&str>,
) -> QueryResult<BoardContents> {
    let columns = columns_of(conn, board)?;
    let mut card_query = cards::table
        .inner_join(influencers::table)
        .inner_join(board_columns::table)
        .filter(cards::board_id.eq(board))
        .select((
            cards::id,
            cards::column_id,
            cards::influencer_id,
            influencers::display_name,
        ))
        .order((
            board_columns::sort_key,
            board_columns::id,
            cards::sort_key,
            cards::id,
        ))
        .into_boxed();
    if let Some(label_ids) = label_filter {
        let labelled = card_labels::table
            .filter(card_labels::label_id.eq_any(label_ids.to_vec()))
            .select(card_labels::card_id);
        card_query = card_query.filter(cards::id.eq_any(labelled));
    }
    if let Some(text) = text {
        let pattern = like_pattern(text);
        let by_handle = platform_accounts::table
            .filter(
                lower(platform_accounts::handle)
                    .like(pattern.clone())
                    .escape('\\'),
            )
            .select(platform_accounts::influencer_id);
        card_query = card_query.filter(
            lower(influencers::display_name)
                .like(pattern)
                .escape('\\')
                .or(cards::influencer_id.eq_any(by_handle)),
        );
    }
    let cards: Vec<BoardCardRow> = card_query.load(conn)?;
    let accounts = platform_accounts::table
        .inner_join(cards::table.on(cards::influencer_id.eq(platform_accounts::influencer_id)))
        .filter(cards::board_id.eq(board))
        .select((
            platform_accounts::influencer_id,
            platform_accounts::platform,
            platform_accounts::handle,
            platform_accounts::followers,
        ))
        .order((platform_accounts::created_at, platform_accounts::id))
        .load(conn)?;
    let card_labels = card_labels::table
        .inner_join(cards::table)
        .filter(cards::board_id.eq(board))
        .select((card_labels::card_id, card_labels::label_id))
        .order((card_labels::card_id, card_labels::label_id))
        .load(conn)?;
    let labels = labels_of(conn, board)?;
    Ok(BoardContents {
        columns,
        cards,
        accounts,
        card_labels,
        labels,
    })
}
