//! A whole board in one response, from a fixed number of queries.

use std::collections::HashMap;

use rapport_domain::boards::{BoardView, CardView, ColumnView};
use rapport_domain::influencers::{AccountSummary, InfluencerSummary};
use rapport_domain::profiles::Platform;
use rapport_domain::LabelId;
use rapport_store::boards::{BoardContents, BoardRow};
use rapport_store::time::utc;

use crate::error::{ApiError, ApiResult};
use crate::routes::access::parse_stored;

/// Assembles the view: columns in order, each with its cards in order.
pub fn assemble(board: &BoardRow, contents: BoardContents) -> ApiResult<BoardView> {
    let mut accounts: HashMap<&str, Vec<AccountSummary>> = HashMap::new();
    for (influencer, platform, handle, followers) in &contents.accounts {
        let platform = Platform::parse(platform)
            .ok_or_else(|| ApiError::internal(anyhow::anyhow!("stored platform {platform:?}")))?;
        accounts
            .entry(influencer.as_str())
            .or_default()
            .push(AccountSummary {
                platform,
                handle: handle.clone(),
                followers: *followers,
            });
    }
    let mut labels_of: HashMap<&str, Vec<LabelId>> = HashMap::new();
    for (card, label) in &contents.card_labels {
        labels_of
            .entry(card.as_str())
            .or_default()
            .push(parse_stored(label)?);
    }
    let mut cards_of: HashMap<&str, Vec<CardView>> = HashMap::new();
    for card in &contents.cards {
        cards_of
            .entry(card.column_id.as_str())
            .or_default()
            .push(CardView {
                id: parse_stored(&card.id)?,
                influencer: InfluencerSummary {
                    id: parse_stored(&card.influencer_id)?,
                    display_name: card.display_name.clone(),
                    accounts: accounts
                        .remove(card.influencer_id.as_str())
                        .unwrap_or_default(),
                },
                label_ids: labels_of.remove(card.id.as_str()).unwrap_or_default(),
            });
    }
    let columns = contents
        .columns
        .iter()
        .map(|column| {
            Ok(ColumnView {
                id: parse_stored(&column.id)?,
                name: column.name.clone(),
                cards: cards_of.remove(column.id.as_str()).unwrap_or_default(),
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(BoardView {
        id: parse_stored(&board.id)?,
        team_id: parse_stored(&board.team_id)?,
        name: board.name.clone(),
        archived_at: board.archived_at.map(utc),
        created_at: utc(board.created_at),
        updated_at: utc(board.updated_at),
        labels: contents
            .labels
            .iter()
            .map(|label| label.to_label())
            .collect::<Result<_, _>>()?,
        columns,
    })
}
