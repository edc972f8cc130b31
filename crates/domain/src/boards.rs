//! Boards (the CRM): columns of cards, one card per influencer, and labels.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{BoardId, CardId, ColumnId, InfluencerId, LabelId, TeamId};
use crate::influencers::{profile_field, InfluencerSummary};
use crate::problem::FieldError;
use crate::profiles::{Platform, ProfileRef};
use crate::validation::{clean_color, clean_name, FieldErrors, Validate};

/// Longest board name.
pub const BOARD_NAME_MAX: usize = 100;
/// Longest column name.
pub const COLUMN_NAME_MAX: usize = 100;
/// Longest label name.
pub const LABEL_NAME_MAX: usize = 50;
/// Most columns created with a board.
pub const INITIAL_COLUMNS_MAX: usize = 20;
/// Most cards added in one request.
pub const CARDS_PER_REQUEST_MAX: usize = 100;

/// A board as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Board {
    /// The board's id.
    pub id: BoardId,
    /// The team it belongs to.
    pub team_id: TeamId,
    /// Its name.
    pub name: String,
    /// When it was archived; `null` while active.
    pub archived_at: Option<DateTime<Utc>>,
    /// Columns on it.
    pub column_count: i64,
    /// Cards on it.
    pub card_count: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last renamed, archived or restored.
    pub updated_at: DateTime<Utc>,
}

/// A whole board in one response: its labels, and its columns in order with their cards in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BoardView {
    /// The board's id.
    pub id: BoardId,
    /// The team it belongs to.
    pub team_id: TeamId,
    /// Its name.
    pub name: String,
    /// When it was archived; `null` while active.
    pub archived_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last renamed, archived or restored.
    pub updated_at: DateTime<Utc>,
    /// The board's labels, by name.
    pub labels: Vec<Label>,
    /// The columns, left to right.
    pub columns: Vec<ColumnView>,
}

/// A column of a [`BoardView`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColumnView {
    /// The column's id.
    pub id: ColumnId,
    /// Its name.
    pub name: String,
    /// Its cards, top to bottom (only those matching the filters, when filtered).
    pub cards: Vec<CardView>,
}

/// A card of a [`ColumnView`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CardView {
    /// The card's id.
    pub id: CardId,
    /// The influencer on it.
    pub influencer: InfluencerSummary,
    /// Labels applied (ids of the board's `labels`).
    pub label_ids: Vec<LabelId>,
}

/// `POST /api/v1/teams/{team_id}/boards`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateBoard {
    /// The board's name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Summer launch"
        )
    )]
    pub name: String,
    /// Columns to create, left to right (at most 20).
    #[cfg_attr(feature = "openapi", schema(max_items = 20, example = json!(["Contacted", "Negotiating", "Content live"])))]
    #[serde(default)]
    pub columns: Vec<ColumnName>,
}

/// A column name: 1 to 100 characters, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColumnName(pub String);

/// A validated [`CreateBoard`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBoard {
    /// Trimmed name.
    pub name: String,
    /// Trimmed column names.
    pub columns: Vec<String>,
}

impl Validate for CreateBoard {
    type Clean = NewBoard;

    fn validate(&self) -> Result<NewBoard, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, BOARD_NAME_MAX));
        if self.columns.len() > INITIAL_COLUMNS_MAX {
            errors.add(
                "columns",
                "too_many",
                format!("at most {INITIAL_COLUMNS_MAX} columns"),
            );
        }
        let columns: Vec<String> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, ColumnName(c))| {
                errors.check(&format!("columns[{i}]"), clean_name(c, COLUMN_NAME_MAX))
            })
            .collect();
        errors.into_result().map(|()| NewBoard {
            name: name.unwrap_or_default(),
            columns,
        })
    }
}

/// `PATCH /api/v1/boards/{board_id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateBoard {
    /// A new name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub name: Option<String>,
    /// `true` archives the board, `false` restores it.
    #[serde(default)]
    pub archived: Option<bool>,
}

impl Validate for UpdateBoard {
    type Clean = (Option<String>, Option<bool>);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self
            .name
            .as_deref()
            .and_then(|n| errors.check("name", clean_name(n, BOARD_NAME_MAX)));
        errors.into_result().map(|()| (name, self.archived))
    }
}

/// `GET /api/v1/teams/{team_id}/boards` filters.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct BoardListQuery {
    /// `true` lists archived boards instead of active ones.
    pub archived: Option<bool>,
    /// How many to return (1 to 200, default 50).
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 200))]
    pub limit: Option<u32>,
    /// The `next_cursor` of the previous page.
    #[cfg_attr(
        feature = "openapi",
        param(min_length = 1, max_length = 200, pattern = "^[A-Za-z0-9_-]+$")
    )]
    pub cursor: Option<String>,
}

/// `GET /api/v1/boards/{board_id}` filters: cards with any of the labels, and matching the text.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct BoardQuery {
    /// Comma-separated label ids: only cards carrying at least one of them.
    #[cfg_attr(
        feature = "openapi",
        param(
            max_length = 2000,
            pattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(,[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})*$"
        )
    )]
    pub label_ids: Option<String>,
    /// Only cards whose influencer's name or a handle contains this text (any case).
    #[cfg_attr(feature = "openapi", param(max_length = 100))]
    pub q: Option<String>,
}

/// A column as created, renamed or moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Column {
    /// The column's id.
    pub id: ColumnId,
    /// Its board.
    pub board_id: BoardId,
    /// Its name.
    pub name: String,
    /// Order key: columns sort by it (bytewise).
    pub position: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Where to put a column or a card: before or after a sibling, or (neither) at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement<T> {
    /// At the end.
    End,
    /// Right before this sibling.
    Before(T),
    /// Right after this sibling.
    After(T),
    /// Between these two siblings (normally neighbours): `after` comes first.
    Between {
        /// The sibling it goes after.
        after: T,
        /// The sibling it goes before.
        before: T,
    },
}

fn placement<T: Copy>(before: Option<T>, after: Option<T>) -> Placement<T> {
    match (before, after) {
        (None, None) => Placement::End,
        (Some(before), None) => Placement::Before(before),
        (None, Some(after)) => Placement::After(after),
        (Some(before), Some(after)) => Placement::Between { after, before },
    }
}

/// `POST /api/v1/boards/{board_id}/columns`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateColumn {
    /// The column's name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Negotiating"
        )
    )]
    pub name: String,
    /// Put it right before this column (of the same board).
    #[serde(default)]
    pub before: Option<ColumnId>,
    /// Put it right after this column (of the same board). Neither: at the end; both: between
    /// the two.
    #[serde(default)]
    pub after: Option<ColumnId>,
}

impl Validate for CreateColumn {
    type Clean = (String, Placement<ColumnId>);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, COLUMN_NAME_MAX));
        let place = placement(self.before, self.after);
        errors
            .into_result()
            .map(|()| (name.unwrap_or_default(), place))
    }
}

/// `PATCH /api/v1/columns/{column_id}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateColumn {
    /// The new name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 100,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    pub name: String,
}

impl Validate for UpdateColumn {
    type Clean = String;

    fn validate(&self) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, COLUMN_NAME_MAX));
        errors.into_result().map(|()| name.unwrap_or_default())
    }
}

/// `POST /api/v1/columns/{column_id}/move`: before or after another column; neither: to the end;
/// both: between the two.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveColumn {
    /// Right before this column.
    #[serde(default)]
    pub before: Option<ColumnId>,
    /// Right after this column.
    #[serde(default)]
    pub after: Option<ColumnId>,
}

impl Validate for MoveColumn {
    type Clean = Placement<ColumnId>;

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        Ok(placement(self.before, self.after))
    }
}

/// `DELETE /api/v1/columns/{column_id}`: what happens to the column's cards.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct DeleteColumnQuery {
    /// Move the cards to the end of this column (of the same board).
    pub move_cards_to: Option<ColumnId>,
    /// `true` removes the cards from the board (the influencers and their notes stay).
    pub delete_cards: Option<bool>,
}

/// A card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Card {
    /// The card's id.
    pub id: CardId,
    /// Its board.
    pub board_id: BoardId,
    /// Its column.
    pub column_id: ColumnId,
    /// The influencer on it.
    pub influencer_id: InfluencerId,
    /// Order key within the column (bytewise).
    pub position: String,
    /// Labels applied.
    pub label_ids: Vec<LabelId>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Who goes on a card: an influencer of the team, or a profile link or username.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum CardSource {
    /// An influencer of the team.
    Influencer(ByInfluencer),
    /// A profile link or username: the team's influencer with that account, created if needed.
    Profile(ByProfile),
}

impl<'de> Deserialize<'de> for CardSource {
    /// An object with `influencer_id`, or one with `profile` (and `platform`); nothing else.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let object = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let by_id = object.contains_key("influencer_id");
        let value = serde_json::Value::Object(object);
        let source = if by_id {
            serde_json::from_value(value).map(CardSource::Influencer)
        } else {
            serde_json::from_value(value).map(CardSource::Profile)
        };
        source.map_err(D::Error::custom)
    }
}

/// An influencer of the team, by id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ByInfluencer {
    /// The influencer.
    pub influencer_id: InfluencerId,
}

/// An influencer by profile link or username.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ByProfile {
    /// A profile link (`instagram.com/name`, `tiktok.com/@name`, `youtube.com/@name`, ...) or a
    /// username (with `platform`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            example = "https://www.tiktok.com/@mia.lens"
        )
    )]
    pub profile: String,
    /// The platform of a bare username.
    #[serde(default)]
    pub platform: Option<Platform>,
}

/// A validated [`CardSource`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An existing influencer.
    Influencer(InfluencerId),
    /// A profile, found or created.
    Profile(ProfileRef),
}

impl CardSource {
    /// The source, or why it is not one.
    pub fn source(&self) -> Result<Source, FieldError> {
        match self {
            CardSource::Influencer(by) => Ok(Source::Influencer(by.influencer_id)),
            CardSource::Profile(by) => profile_field(&by.profile, by.platform)
                .map(Source::Profile)
                .map_err(|e| FieldError {
                    field: "profile".to_owned(),
                    code: e.code.to_owned(),
                    message: e.message,
                }),
        }
    }
}

/// `POST /api/v1/boards/{board_id}/cards`: one influencer at the end of a column, by id or by
/// profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum AddCard {
    /// By influencer id.
    Influencer(AddCardByInfluencer),
    /// By profile link or username.
    Profile(AddCardByProfile),
}

/// [`AddCard`] by influencer id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddCardByInfluencer {
    /// The column (of this board).
    pub column_id: ColumnId,
    /// The influencer.
    pub influencer_id: InfluencerId,
}

/// [`AddCard`] by profile.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddCardByProfile {
    /// The column (of this board).
    pub column_id: ColumnId,
    /// A profile link or username (with `platform`).
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 300,
            example = "https://www.instagram.com/mia.lens/"
        )
    )]
    pub profile: String,
    /// The platform of a bare username.
    #[serde(default)]
    pub platform: Option<Platform>,
}

impl Validate for AddCard {
    type Clean = (ColumnId, Source);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let (column, source) = match self {
            AddCard::Influencer(add) => (
                add.column_id,
                CardSource::Influencer(ByInfluencer {
                    influencer_id: add.influencer_id,
                }),
            ),
            AddCard::Profile(add) => (
                add.column_id,
                CardSource::Profile(ByProfile {
                    profile: add.profile.clone(),
                    platform: add.platform,
                }),
            ),
        };
        let source = source.source().map_err(|e| FieldErrors(vec![e]))?;
        Ok((column, source))
    }
}

/// `POST /api/v1/boards/{board_id}/cards/bulk`: up to 100 influencers at the end of a column.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddCards {
    /// The column (of this board).
    pub column_id: ColumnId,
    /// The influencers, in order (1 to 100).
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 100))]
    pub items: Vec<CardSource>,
}

impl Validate for AddCards {
    type Clean = (ColumnId, Vec<Result<Source, FieldError>>);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.items.is_empty() || self.items.len() > CARDS_PER_REQUEST_MAX {
            errors.add(
                "items",
                "count",
                format!("give 1 to {CARDS_PER_REQUEST_MAX} items"),
            );
        }
        errors.into_result().map(|()| {
            (
                self.column_id,
                self.items.iter().map(CardSource::source).collect(),
            )
        })
    }
}

/// What happened to one item of [`AddCards`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AddCardStatus {
    /// A card was added.
    Added,
    /// The influencer already has a card on this board (`card_id` names it).
    AlreadyOnBoard,
    /// Nothing was added; `error` says why.
    Invalid,
}

/// The result of one item of [`AddCards`], in the order given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddCardResult {
    /// What happened.
    pub status: AddCardStatus,
    /// The new or existing card (absent when nothing was added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card_id: Option<CardId>,
    /// The influencer, found or created (absent when nothing was added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub influencer_id: Option<InfluencerId>,
    /// Why nothing was added (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<FieldError>,
}

/// The answer to [`AddCards`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddCardsResponse {
    /// One result per item, in order.
    pub results: Vec<AddCardResult>,
}

/// `POST /api/v1/cards/{card_id}/move`: to a column (default: its own), before or after a card of
/// that column, between two of its cards (both), or (neither) to the column's end.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MoveCard {
    /// The target column (of the same board); default: the card's column.
    #[serde(default)]
    pub column_id: Option<ColumnId>,
    /// Right before this card (of the target column).
    #[serde(default)]
    pub before: Option<CardId>,
    /// Right after this card (of the target column).
    #[serde(default)]
    pub after: Option<CardId>,
}

impl Validate for MoveCard {
    type Clean = (Option<ColumnId>, Placement<CardId>);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        Ok((self.column_id, placement(self.before, self.after)))
    }
}

/// A label of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Label {
    /// The label's id.
    pub id: LabelId,
    /// Its name, unique in the board (any case).
    pub name: String,
    /// Its colour, `#rrggbb`.
    pub color: String,
}

/// `POST /api/v1/boards/{board_id}/labels`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateLabel {
    /// The name, unique in the board.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 50,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$",
            example = "Gifted"
        )
    )]
    pub name: String,
    /// The colour, `#rrggbb`.
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^#[0-9a-fA-F]{6}$", example = "#2f9e44")
    )]
    pub color: String,
}

impl Validate for CreateLabel {
    type Clean = (String, String);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", clean_name(&self.name, LABEL_NAME_MAX));
        let color = errors.check("color", clean_color(&self.color));
        errors
            .into_result()
            .map(|()| (name.unwrap_or_default(), color.unwrap_or_default()))
    }
}

/// `PATCH /api/v1/labels/{label_id}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateLabel {
    /// A new name.
    #[cfg_attr(
        feature = "openapi",
        schema(
            min_length = 1,
            max_length = 50,
            pattern = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
        )
    )]
    #[serde(default)]
    pub name: Option<String>,
    /// A new colour.
    #[cfg_attr(feature = "openapi", schema(pattern = "^#[0-9a-fA-F]{6}$"))]
    #[serde(default)]
    pub color: Option<String>,
}

impl Validate for UpdateLabel {
    type Clean = (Option<String>, Option<String>);

    fn validate(&self) -> Result<Self::Clean, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self
            .name
            .as_deref()
            .and_then(|n| errors.check("name", clean_name(n, LABEL_NAME_MAX)));
        let color = self
            .color
            .as_deref()
            .and_then(|c| errors.check("color", clean_color(c)));
        errors.into_result().map(|()| (name, color))
    }
}

/// Parses `?label_ids=a,b`.
pub fn parse_label_ids(raw: &str) -> Option<Vec<LabelId>> {
    raw.split(',')
        .map(|id| id.trim().parse().ok())
        .collect::<Option<Vec<LabelId>>>()
}

#[cfg(test)]
#[path = "boards_tests.rs"]
mod tests;

#[cfg(feature = "openapi")]
crate::validation::name_schema!(ColumnName, 100);
