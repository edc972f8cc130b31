//! Demo data for a first look: in dev mode, on an empty database, a demo account with a team, two
//! boards, influencers with stats, labels, notes and a reminder. `--no-demo` turns it off.

use chrono::{Duration, Utc};
use rapport_domain::boards::Source;
use rapport_domain::profiles::parse_profile;
use rapport_domain::teams::Role;
use rapport_domain::{TeamId, UserId};
use rapport_store::boards::{self, BoardRow, ColumnRow, LabelRow};
use rapport_store::memberships::{self, MembershipRow};
use rapport_store::notes::{self, NoteRow};
use rapport_store::reminders::{self, ReminderRow};
use rapport_store::teams::{self, TeamRow};
use rapport_store::users::{self, UserRow};
use rapport_store::{new_id, time, DbConnection};

use crate::crm::cards::{add, Added};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::routes::access::parse_stored;

/// The demo account's address.
pub const DEMO_EMAIL: &str = "demo@rapport.localhost";
/// The demo account's password.
pub const DEMO_PASSWORD: &str = "demo-password";

const CREATORS: &[(&str, &str, i64)] = &[
    ("https://www.instagram.com/ada.bakes/", "Ada Bakes", 48_200),
    ("tiktok.com/@sam.cooks", "Sam Cooks", 312_000),
    ("youtube.com/@KaiRunsFar", "Kai Runs Far", 1_240_000),
    ("instagram.com/mia.lens", "Mia Lens", 9_800),
    ("tiktok.com/@leo.trails", "Leo Trails", 76_500),
    ("youtube.com/@ZoePaints", "Zoe Paints", 18_900),
    ("instagram.com/eli.grows", "Eli Grows", 5_400),
    ("instagram.com/ivy.knits", "Ivy Knits", 22_100),
    ("tiktok.com/@max.rides", "Max Rides", 140_000),
    ("instagram.com/uma.sings", "Uma Sings", 63_000),
];

/// Seeds the demo data if the database has no account yet; returns whether it did.
pub async fn seed_if_empty(db: &Db) -> ApiResult<bool> {
    if db.run(|conn| Ok(users::any(conn)?)).await? {
        return Ok(false);
    }
    let password_hash = crate::auth::password::hash(DEMO_PASSWORD.to_owned()).await?;
    db.write(move |conn| {
        if users::any(conn)? {
            return Ok(false);
        }
        seed(conn, password_hash)?;
        Ok(true)
    })
    .await
}

fn seed(conn: &mut DbConnection, password_hash: String) -> ApiResult<()> {
    let now = time::now();
    let user = UserRow {
        id: new_id().to_string(),
        email: DEMO_EMAIL.to_owned(),
        name: "Demo Marketer".to_owned(),
        password_hash,
        created_at: now,
        updated_at: now,
    };
    users::insert(conn, &user)?;
    let team = TeamRow {
        id: new_id().to_string(),
        name: "Demo Coffee Co.".to_owned(),
        created_at: now,
        updated_at: now,
    };
    teams::insert(conn, &team)?;
    memberships::insert(
        conn,
        &MembershipRow {
            id: new_id().to_string(),
            team_id: team.id.clone(),
            user_id: user.id.clone(),
            role: Role::Owner.as_str().to_owned(),
            created_at: now,
        },
    )?;
    let actor: UserId = parse_stored(&user.id)?;
    let team_id: TeamId = parse_stored(&team.id)?;
    let launch = board(
        conn,
        &team.id,
        "Summer launch",
        &["Contacted", "Negotiating", "Content live"],
    )?;
    let gifting = board(
        conn,
        &team.id,
        "Gifting programme",
        &["To send", "Sent", "Posted"],
    )?;
    let gifted = label(conn, &launch.0.id, "Gifted", "#2f9e44")?;
    let paid = label(conn, &launch.0.id, "Paid", "#e8590c")?;
    for (index, (profile, name, followers)) in CREATORS.iter().enumerate() {
        let profile = parse_profile(profile, None)
            .map_err(|e| ApiError::internal(anyhow::anyhow!("demo profile: {}", e.message)))?;
        let (board_row, columns) = if index < 7 { &launch } else { &gifting };
        let column = &columns[index % columns.len()];
        let Added::New(card, influencer) = add(
            conn,
            board_row,
            team_id,
            column,
            &Source::Profile(profile),
            actor,
        )?
        else {
            continue;
        };
        rapport_store::influencers::update(
            conn,
            &influencer.id,
            &rapport_domain::influencers::InfluencerChanges {
                display_name: Some((*name).to_owned()),
                ..Default::default()
            },
            now,
        )?;
        rapport_store::influencers::set_stats(conn, &influencer.id, *followers, now)?;
        if index < 7 {
            boards::apply_label(conn, &card.id, if index % 2 == 0 { &gifted } else { &paid })?;
        }
        if index == 0 {
            notes::insert(
                conn,
                &NoteRow {
                    id: new_id().to_string(),
                    influencer_id: influencer.id.clone(),
                    kind: "note".to_owned(),
                    author_id: user.id.clone(),
                    body: "Subscribed to our newsletter in 2023. Loves the cold brew; prefers DMs."
                        .to_owned(),
                    created_at: now,
                    updated_at: now,
                },
            )?;
            reminders::insert(
                conn,
                &ReminderRow {
                    id: new_id().to_string(),
                    team_id: team.id.clone(),
                    influencer_id: influencer.id.clone(),
                    text: "Send the summer samples".to_owned(),
                    due_at: (Utc::now() + Duration::days(2)).naive_utc(),
                    assignee_id: user.id.clone(),
                    created_by: user.id.clone(),
                    done_at: None,
                    created_at: now,
                    updated_at: now,
                },
            )?;
        }
    }
    Ok(())
}

fn board(
    conn: &mut DbConnection,
    team: &str,
    name: &str,
    columns: &[&str],
) -> ApiResult<(BoardRow, Vec<ColumnRow>)> {
    let now = time::now();
    let board = BoardRow {
        id: new_id().to_string(),
        team_id: team.to_owned(),
        name: name.to_owned(),
        archived_at: None,
        created_at: now,
        updated_at: now,
    };
    boards::insert_board(conn, &board)?;
    let keys = rapport_domain::ordering::keys_after(None, columns.len())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("{e:?}")))?;
    let mut rows = Vec::new();
    for (name, key) in columns.iter().zip(keys) {
        let column = ColumnRow {
            id: new_id().to_string(),
            board_id: board.id.clone(),
            name: (*name).to_owned(),
            sort_key: key,
            created_at: now,
        };
        boards::insert_column(conn, &column)?;
        rows.push(column);
    }
    Ok((board, rows))
}

fn label(conn: &mut DbConnection, board: &str, name: &str, color: &str) -> ApiResult<String> {
    let row = LabelRow {
        id: new_id().to_string(),
        board_id: board.to_owned(),
        name: name.to_owned(),
        name_key: name.to_lowercase(),
        color: color.to_owned(),
        created_at: time::now(),
    };
    boards::insert_label(conn, &row)?;
    Ok(row.id)
}
