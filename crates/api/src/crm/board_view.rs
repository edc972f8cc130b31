//! A whole board in one response, from a fixed number of queries.

use std::collections::HashMap;

use rapport_domain::boards::{BoardView, CardView, ColumnView};
use rapport_domain::influencers::{AccountSummary, InfluencerSummary};
use rapport_domain::{CardId, ColumnId, InfluencerId, LabelId};
use rapport_store::boards::{BoardContents, BoardRow};
use rapport_store::time::utc;

/// Assembles the view: columns in order, each with its cards in order.
pub fn assemble(board: &BoardRow, contents: BoardContents) -> BoardView {
    let mut accounts: HashMap<InfluencerId, Vec<AccountSummary>> = HashMap::new();
    for (influencer, platform, handle, followers) in contents.accounts {
        accounts
            .entry(influencer)
            .or_default()
            .push(AccountSummary {
                platform,
                handle,
                followers,
            });
    }
    let mut labels_of: HashMap<CardId, Vec<LabelId>> = HashMap::new();
    for (card, label) in contents.card_labels {
        labels_of.entry(card).or_default().push(label);
    }
    let mut cards_of: HashMap<ColumnId, Vec<CardView>> = HashMap::new();
    for card in contents.cards {
        cards_of.entry(card.column_id).or_default().push(CardView {
            id: card.id,
            influencer: InfluencerSummary {
                id: card.influencer_id,
                display_name: card.display_name,
                accounts: accounts.remove(&card.influencer_id).unwrap_or_default(),
            },
            label_ids: labels_of.remove(&card.id).unwrap_or_default(),
        });
    }
    let columns = contents
        .columns
        .iter()
        .map(|column| ColumnView {
            id: column.id,
            name: column.name.clone(),
            cards: cards_of.remove(&column.id).unwrap_or_default(),
        })
        .collect();
    BoardView {
        id: board.id,
        team_id: board.team_id,
        name: board.name.clone(),
        archived_at: board.archived_at.map(utc),
        created_at: utc(board.created_at),
        updated_at: utc(board.updated_at),
        labels: contents
            .labels
            .iter()
            .map(|label| label.to_label())
            .collect(),
        columns,
    }
}
