//! Demo data for a first look: in dev mode, on an empty database, a demo account with a team, two
//! boards (the first tracking #summerlaunch, with its posts), influencers with a year of
//! analytics (snapshots, recent posts), labels, notes and two reminders (one due already, so a
//! notification); a network of 300 creators, three of them starred, one connected (so a
//! notification), some with verified accounts, and a demo creator (their TikTok verified) who
//! can log in with an invitation from the demo team waiting. `--no-demo` turns it off.

use chrono::{Duration, Utc};
use rapport_domain::auth::Signup;
use rapport_domain::boards::{NewBoard, Source};
use rapport_domain::connections::NewConnectionInvite;
use rapport_domain::creators::{AccountKind, Category, Claim, CreatorChanges};
use rapport_domain::influencers::InfluencerChanges;
use rapport_domain::notes::NoteKind;
use rapport_domain::profiles::parse_profile;
use rapport_domain::{BoardId, ColumnId, TeamId, UserId};
use rapport_store::{time, users, DbConnection};

use crate::accounts::signup::create_account;
use crate::crm::{self, cards, influencers, labels, notes, reminders};
use crate::db::Db;
use crate::error::{ApiError, ApiResult};
use crate::network;
use crate::network::invitations::{self, Sending};
use crate::network_seed;

/// The demo account's address.
pub const DEMO_EMAIL: &str = "demo@rapport.localhost";
/// The demo account's password.
pub const DEMO_PASSWORD: &str = "demo-password";
/// The demo creator's address (same password): a creator with an invitation waiting.
pub const DEMO_CREATOR_EMAIL: &str = "creator@rapport.localhost";
/// Synthetic creators in the demo's network.
const NETWORK_SIZE: u64 = 300;

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
pub async fn seed_if_empty(db: &Db, public_url: String) -> ApiResult<bool> {
    if db.run(|conn| Ok(users::any(conn)?)).await? {
        return Ok(false);
    }
    let password_hash = crate::auth::password::hash(DEMO_PASSWORD.to_owned()).await?;
    db.write(move |conn| {
        if users::any(conn)? {
            return Ok(false);
        }
        let actor_team = seed(conn, password_hash.clone())?;
        seed_network(conn, actor_team, password_hash, &public_url)?;
        Ok(true)
    })
    .await
}

fn seed(conn: &mut DbConnection, password_hash: String) -> ApiResult<(UserId, TeamId)> {
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
        for account in rapport_store::influencers::accounts_of(conn, influencer)? {
            crate::analytics::sample::seed_account(conn, &account, *followers, index as u64, now)?;
        }
        if index < 7 {
            let label = if index % 2 == 0 { &gifted } else { &paid };
            cards::set_label(conn, actor, card.id, label.id, true)?;
        }
        if index == 3 {
            // Due an hour ago: the demo's bell and dev mailbox show its notification.
            reminders::create(
                conn,
                actor,
                influencer,
                "Check the draft reel before it goes live".into(),
                Utc::now() - Duration::hours(1),
                None,
            )?;
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
    crate::analytics::sample::seed_tracking(
        conn,
        launch.0,
        "summerlaunch",
        now - chrono::Duration::days(20),
        actor,
        now,
    )?;
    Ok((actor, team))
}

/// The network: synthetic creators, three starred by the demo team, one connected, and the demo
/// creator with the team's invitation waiting.
fn seed_network(
    conn: &mut DbConnection,
    (actor, team): (UserId, TeamId),
    password_hash: String,
    public_url: &str,
) -> ApiResult<()> {
    let now = time::now();
    network_seed::seed_within(conn, 7, NETWORK_SIZE, now)?;
    let mut known: Vec<_> = rapport_store::creators::changed_since(conn, -1)?
        .into_iter()
        .filter(|creator| creator.row.discoverable)
        .collect();
    known.sort_by_key(|creator| {
        std::cmp::Reverse(creator.accounts.iter().filter_map(|a| a.followers).max())
    });
    for creator in known.iter().take(3) {
        rapport_store::favourites::add(conn, team, creator.row.id, actor, now)?;
    }
    // Some creators verified their accounts by logging in on the platform (the demo keeps no
    // tokens: their figures are the seeded ones).
    for creator in known.iter().take(12).step_by(2) {
        for account in &creator.accounts {
            rapport_store::verifications::mark_verified(
                conn,
                account.id,
                creator.row.id,
                &account.handle,
                None,
                now,
            )?;
        }
        rapport_store::creators::touch(conn, creator.row.id, now)?;
    }
    let sending = Sending {
        now,
        per_day: 100,
        public_url,
    };
    if let Some(connected) = known.get(3) {
        let sent = invitations::send(
            conn,
            actor,
            team,
            NewConnectionInvite {
                creator_id: connected.row.id,
                message: Some("We would love to send you our new cold brew.".into()),
            },
            &sending,
        )?;
        invitations::accept(conn, connected.row.user_id, sent.id, now)?;
    }
    let signup = Signup {
        email: DEMO_CREATOR_EMAIL.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        name: "Demo Creator".to_owned(),
        team_name: String::new(),
        kind: AccountKind::Creator,
    };
    let account = create_account(conn, signup, password_hash)?;
    let creator_user = account.user.id;
    network::creators::update(
        conn,
        creator_user,
        CreatorChanges {
            bio: Some(Some("Coffee, slow mornings and city walks.".into())),
            country: Some(Some("FR".into())),
            city: Some(Some("Lyon".into())),
            languages: Some(vec!["fr".into(), "en".into()]),
            categories: Some(vec![Category::Food, Category::Lifestyle]),
            ..CreatorChanges::default()
        },
    )?;
    let profile = parse_profile("instagram.com/demo.creator", None)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("demo profile: {}", e.message)))?;
    network::creators::claim_account(
        conn,
        creator_user,
        Claim {
            profile,
            followers: Some(25_400),
        },
    )?;
    // Their TikTok is verified (as by a login); their Instagram waits for theirs.
    let tiktok = parse_profile("tiktok.com/@demo.creator", None)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("demo profile: {}", e.message)))?;
    let claimed = network::creators::claim_account(
        conn,
        creator_user,
        Claim {
            profile: tiktok,
            followers: None,
        },
    )?;
    if let Some(account) = claimed
        .public
        .accounts
        .iter()
        .find(|account| account.platform == rapport_domain::profiles::Platform::Tiktok)
    {
        rapport_store::verifications::mark_verified(
            conn,
            account.id,
            claimed.public.id,
            &account.handle,
            Some(41_800),
            now,
        )?;
    }
    invitations::send(
        conn,
        actor,
        team,
        NewConnectionInvite {
            creator_id: claimed.public.id,
            message: Some("Hello! We roast coffee in Lyon and love your mornings.".into()),
        },
        &sending,
    )?;
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
