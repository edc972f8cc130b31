//! Demo data for a first look: in dev mode, on an empty database, a demo account with a team, two
//! boards, influencers with stats, labels, notes and a reminder. `--no-demo` turns it off.

use chrono::{Duration, Utc};
use rapport_domain::auth::Signup;
use rapport_domain::boards::{NewBoard, Source};
use rapport_domain::creators::AccountKind;
use rapport_domain::influencers::InfluencerChanges;
use rapport_domain::notes::NoteKind;
use rapport_domain::profiles::parse_profile;
use rapport_domain::{BoardId, ColumnId, TeamId, UserId};
use rapport_store::{time, users, DbConnection};

use crate::accounts::signup::create_account;
use crate::crm::{self, cards, influencers, labels, notes, reminders};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};

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

/// Seeds the demo data if the database has no account yet; returns whether it did. The account
/// is made by the same sign-up use case as the API's.
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
    let signup = Signup {
        email: DEMO_EMAIL.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        name: "Demo Marketer".to_owned(),
        team_name: "Demo Coffee Co.".to_owned(),
        kind: AccountKind::Brand,
    };
    let account = create_account(conn, signup, password_hash)?;
    let team = account.team.ok_or_else(|| {
        ApiError::internal(anyhow::anyhow!(
            "the demo account is a brand's: it has a team"
        ))
    })?;
    let (actor, team) = (account.user.id, team.id);
    let launch = board(
        conn,
        actor,
        team,
        "Summer launch",
        &["Contacted", "Negotiating", "Content live"],
    )?;
    let gifting = board(
        conn,
        actor,
        team,
        "Gifting programme",
        &["To send", "Sent", "Posted"],
    )?;
    let gifted = labels::create(conn, actor, launch.0, "Gifted".into(), "#2f9e44".into())?;
    let paid = labels::create(conn, actor, launch.0, "Paid".into(), "#e8590c".into())?;
    for (index, (profile, name, followers)) in CREATORS.iter().enumerate() {
        let profile = parse_profile(profile, None)
            .map_err(|e| ApiError::internal(anyhow::anyhow!("demo profile: {}", e.message)))?;
        let (board, columns) = if index < 7 { &launch } else { &gifting };
        let column = columns[index % columns.len()];
        let card = cards::add(conn, actor, *board, column, &Source::Profile(profile))?;
        let influencer = card.influencer_id;
        influencers::update(
            conn,
            actor,
            influencer,
            &InfluencerChanges {
                display_name: Some((*name).to_owned()),
                ..Default::default()
            },
        )?;
        rapport_store::influencers::set_stats(conn, influencer, *followers, now)?;
        if index < 7 {
            let label = if index % 2 == 0 { &gifted } else { &paid };
            cards::set_label(conn, actor, card.id, label.id, true)?;
        }
        if index == 0 {
            notes::create(
                conn,
                actor,
                NoteKind::Note,
                influencer,
                "Subscribed to our newsletter in 2023. Loves the cold brew; prefers DMs.".into(),
            )?;
            reminders::create(
                conn,
                actor,
                influencer,
                "Send the summer samples".into(),
                Utc::now() + Duration::days(2),
                None,
            )?;
        }
    }
    Ok(())
}

/// A board with its columns, through the same use case as the API.
fn board(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    name: &str,
    columns: &[&str],
) -> ApiResult<(BoardId, Vec<ColumnId>)> {
    let new = NewBoard {
        name: name.to_owned(),
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
    };
    let board = crm::boards::create(conn, actor, team, new)?;
    let columns = rapport_store::boards::columns_of(conn, board.id)?
        .into_iter()
        .map(|column| column.id)
        .collect();
    Ok((board.id, columns))
}
