//! Conversations between teams and influencers, and their messages.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::messages::Side;
use rapport_domain::{ConversationId, InfluencerId, MessageId, TeamId, UserId};

use crate::events::{self, Wire};
use crate::schema::{conversations, messages};
use crate::DbConnection;

/// A stored conversation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = conversations)]
pub struct ConversationRow {
    /// UUIDv7.
    pub id: ConversationId,
    /// The team.
    pub team_id: TeamId,
    /// The team's influencer.
    pub influencer_id: InfluencerId,
    /// The token of its reply address (`reply+{token}@{inbound domain}`).
    pub reply_token: String,
    /// The newest message the team has read.
    pub team_read_upto: Option<MessageId>,
    /// The newest message the influencer has read (in the app).
    pub influencer_read_upto: Option<MessageId>,
    /// When the creator was last told of new messages by e-mail.
    pub creator_mailed_at: Option<NaiveDateTime>,
    /// Opened.
    pub created_at: NaiveDateTime,
    /// Its last message (or its opening).
    pub updated_at: NaiveDateTime,
}

impl ConversationRow {
    /// The newest message `side` has read.
    pub fn read_upto(&self, side: Side) -> Option<MessageId> {
        match side {
            Side::Team => self.team_read_upto,
            Side::Influencer => self.influencer_read_upto,
        }
    }
}

/// A stored message.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = messages)]
pub struct MessageRow {
    /// UUIDv7 (time-ordered: the thread's order).
    pub id: MessageId,
    /// The conversation.
    pub conversation_id: ConversationId,
    /// The team's side or the influencer's.
    pub side: Side,
    /// The team member who wrote it (none for the influencer's).
    pub author_id: Option<UserId>,
    /// The author's name as it was.
    pub author_name: String,
    /// The text.
    pub text: String,
    /// Whether it came or went by e-mail.
    pub by_email: bool,
    /// The Message-ID of the mail it came in.
    pub email_message_id: Option<String>,
    /// Written.
    pub created_at: NaiveDateTime,
}

/// Stores a conversation; a second one for the team and influencer is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &ConversationRow) -> QueryResult<()> {
    diesel::insert_into(conversations::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The conversation with this id.
pub fn find(conn: &mut DbConnection, id: ConversationId) -> QueryResult<Option<ConversationRow>> {
    conversations::table
        .find(id)
        .select(ConversationRow::as_select())
        .first(conn)
        .optional()
}

/// The team's conversation with the influencer, if there is one.
pub fn find_for(
    conn: &mut DbConnection,
    team: TeamId,
    influencer: InfluencerId,
) -> QueryResult<Option<ConversationRow>> {
    conversations::table
        .filter(conversations::team_id.eq(team))
        .filter(conversations::influencer_id.eq(influencer))
        .select(ConversationRow::as_select())
        .first(conn)
        .optional()
}

/// The conversation whose reply address has this token.
pub fn find_by_reply_token(
    conn: &mut DbConnection,
    token: &str,
) -> QueryResult<Option<ConversationRow>> {
    conversations::table
        .filter(conversations::reply_token.eq(token))
        .select(ConversationRow::as_select())
        .first(conn)
        .optional()
}

/// The team's conversations, most recently active first, at most `limit`, after the one
/// active at `before` (its time and id) in that order.
pub fn list_for_team(
    conn: &mut DbConnection,
    team: TeamId,
    before: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<ConversationRow>> {
    let mut query = conversations::table
        .filter(conversations::team_id.eq(team))
        .select(ConversationRow::as_select())
        .order((conversations::updated_at.desc(), conversations::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = before {
        query = query.filter(
            conversations::updated_at
                .lt(at)
                .or(conversations::updated_at
                    .eq(at)
                    .and(conversations::id.lt(id))),
        );
    }
    query.load(conn)
}

/// The conversations of these (team, influencer) pairs, most recently active first.
pub fn list_of_pairs(
    conn: &mut DbConnection,
    pairs: &[(TeamId, InfluencerId)],
) -> QueryResult<Vec<ConversationRow>> {
    let influencers: Vec<InfluencerId> = pairs.iter().map(|(_, i)| *i).collect();
    let rows: Vec<ConversationRow> = conversations::table
        .filter(conversations::influencer_id.eq_any(&influencers))
        .select(ConversationRow::as_select())
        .order((conversations::updated_at.desc(), conversations::id.desc()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter(|row| pairs.contains(&(row.team_id, row.influencer_id)))
        .collect())
}

/// Stores a message and marks the conversation active at its time.
pub fn add_message(conn: &mut DbConnection, row: &MessageRow) -> QueryResult<()> {
    diesel::insert_into(messages::table)
        .values(row)
        .execute(conn)?;
    diesel::update(conversations::table.find(row.conversation_id))
        .set(conversations::updated_at.eq(row.created_at))
        .execute(conn)?;
    events::emit(
        conn,
        Wire::Message {
            conversation: row.conversation_id,
            message: row.id,
        },
    )
}

/// The message that came in the mail with this Message-ID, if it did.
pub fn find_by_email_id(
    conn: &mut DbConnection,
    conversation: ConversationId,
    email_message_id: &str,
) -> QueryResult<Option<MessageRow>> {
    messages::table
        .filter(messages::conversation_id.eq(conversation))
        .filter(messages::email_message_id.eq(email_message_id))
        .select(MessageRow::as_select())
        .first(conn)
        .optional()
}

/// The conversation's messages, newest first, before the message `before` (an id), at most
/// `limit`.
pub fn messages(
    conn: &mut DbConnection,
    conversation: ConversationId,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<MessageRow>> {
    let mut query = messages::table
        .filter(messages::conversation_id.eq(conversation))
        .select(MessageRow::as_select())
        .order(messages::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(before) = before {
        query = query.filter(messages::id.lt(before.to_owned()));
    }
    query.load(conn)
}

/// The conversation's newest message.
pub fn last_message(
    conn: &mut DbConnection,
    conversation: ConversationId,
) -> QueryResult<Option<MessageRow>> {
    messages::table
        .filter(messages::conversation_id.eq(conversation))
        .select(MessageRow::as_select())
        .order(messages::id.desc())
        .first(conn)
        .optional()
}

/// The newest message of each of these conversations (those with messages), in one query: a
/// conversation is active at the time of the message added last ([`add_message`]).
pub fn last_messages(
    conn: &mut DbConnection,
    ids: &[ConversationId],
) -> QueryResult<HashMap<ConversationId, MessageRow>> {
    let rows: Vec<MessageRow> = messages::table
        .inner_join(conversations::table)
        .filter(messages::conversation_id.eq_any(ids))
        .filter(messages::created_at.eq(conversations::updated_at))
        .select(MessageRow::as_select())
        .load(conn)?;
    let mut newest = HashMap::new();
    for row in rows {
        match newest.get(&row.conversation_id) {
            Some(kept) if kept_is_newer(kept, &row) => {}
            _ => {
                newest.insert(row.conversation_id, row);
            }
        }
    }
    Ok(newest)
}

fn kept_is_newer(kept: &MessageRow, row: &MessageRow) -> bool {
    kept.id > row.id
}

/// For each of these conversations with unread messages: how many messages of the `from` side
/// the other side has not read.
pub fn unread_counts(
    conn: &mut DbConnection,
    ids: &[ConversationId],
    from: Side,
) -> QueryResult<Vec<(ConversationId, i64)>> {
    let base = messages::table
        .inner_join(conversations::table)
        .filter(messages::conversation_id.eq_any(ids))
        .filter(messages::side.eq(from))
        .group_by(messages::conversation_id)
        .select((messages::conversation_id, diesel::dsl::count_star()));
    // The reader is the other side: its marker is the one to pass.
    match from {
        Side::Influencer => base
            .filter(
                conversations::team_read_upto
                    .is_null()
                    .or(messages::id.nullable().gt(conversations::team_read_upto)),
            )
            .load(conn),
        Side::Team => base
            .filter(
                conversations::influencer_read_upto
                    .is_null()
                    .or(messages::id
                        .nullable()
                        .gt(conversations::influencer_read_upto)),
            )
            .load(conn),
    }
}

/// Messages of `from` side newer than `after` (all when none).
pub fn count_from_after(
    conn: &mut DbConnection,
    conversation: ConversationId,
    from: Side,
    after: Option<MessageId>,
) -> QueryResult<i64> {
    let mut query = messages::table
        .filter(messages::conversation_id.eq(conversation))
        .filter(messages::side.eq(from))
        .count()
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(messages::id.gt(after));
    }
    query.get_result(conn)
}

/// Moves `side`'s read marker to `upto` (never backwards).
pub fn mark_read(
    conn: &mut DbConnection,
    conversation: ConversationId,
    side: Side,
    upto: MessageId,
) -> QueryResult<()> {
    let target = conversations::table.find(conversation);
    match side {
        Side::Team => diesel::update(
            target.filter(
                conversations::team_read_upto
                    .is_null()
                    .or(conversations::team_read_upto.lt(upto)),
            ),
        )
        .set(conversations::team_read_upto.eq(upto))
        .execute(conn),
        Side::Influencer => diesel::update(
            target.filter(
                conversations::influencer_read_upto
                    .is_null()
                    .or(conversations::influencer_read_upto.lt(upto)),
            ),
        )
        .set(conversations::influencer_read_upto.eq(upto))
        .execute(conn),
    }?;
    events::emit(
        conn,
        Wire::Read {
            conversation,
            side,
            upto,
        },
    )
}

/// Records that the creator was told by e-mail at `now`.
pub fn set_creator_mailed(
    conn: &mut DbConnection,
    conversation: ConversationId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(conversations::table.find(conversation))
        .set(conversations::creator_mailed_at.eq(now))
        .execute(conn)
        .map(drop)
}

/// The message with this id.
pub fn find_message(conn: &mut DbConnection, id: MessageId) -> QueryResult<Option<MessageRow>> {
    messages::table
        .find(id)
        .select(MessageRow::as_select())
        .first(conn)
        .optional()
}
