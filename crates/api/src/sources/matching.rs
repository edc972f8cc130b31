//! Matching: who among a source's contacts is somebody. The targets (the network's discoverable
//! creators and the team's influencers) are hashed with the server's data key the way contacts
//! are, by normalised e-mail address and by handle, so a contact kept only as hashes still finds
//! them; an e-mail address is normalised the same way for both (`rapport_domain::contacts`).

use std::collections::HashMap;

use rapport_domain::contacts::normalize_email;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::MatchedBy;
use rapport_domain::{CreatorId, InfluencerId, TeamId};
use rapport_store::sources::{self, ContactRow};
use rapport_store::DbConnection;

use crate::data_key::DataKey;
use crate::error::ApiResult;

/// Somebody a contact can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A creator of the network.
    Creator(CreatorId),
    /// One of the team's influencers.
    Influencer(InfluencerId),
}

/// The targets of one team, by hash.
#[derive(Debug, Default)]
pub struct Targets {
    by_email: HashMap<String, Vec<Target>>,
    by_handle: HashMap<String, Vec<(Target, MatchedBy)>>,
}

fn matched_by(platform: Platform) -> MatchedBy {
    match platform {
        Platform::Instagram => MatchedBy::Instagram,
        Platform::Tiktok => MatchedBy::Tiktok,
        Platform::Youtube => MatchedBy::Youtube,
    }
}

impl Targets {
    /// Reads and hashes the targets of `team`.
    pub fn read(conn: &mut DbConnection, team: TeamId, key: &DataKey) -> ApiResult<Self> {
        let mut targets = Self::default();
        for (creator, email) in sources::creator_emails(conn)? {
            targets.add_email(key, &email, Target::Creator(creator));
        }
        for (influencer, email) in sources::influencer_emails(conn, team)? {
            targets.add_email(key, &email, Target::Influencer(influencer));
        }
        for (creator, platform, handle) in sources::creator_handles(conn)? {
            targets.add_handle(key, &platform, &handle, Target::Creator(creator));
        }
        for (influencer, platform, handle) in sources::influencer_handles(conn, team)? {
            targets.add_handle(key, &platform, &handle, Target::Influencer(influencer));
        }
        Ok(targets)
    }

    fn add_email(&mut self, key: &DataKey, email: &str, target: Target) {
        // The same normalisation as contacts get (`rapport_domain::contacts::normalize_email`).
        let Some(email) = normalize_email(email) else {
            return;
        };
        let hash = key.email_hash(&email);
        self.by_email.entry(hash).or_default().push(target);
    }

    fn add_handle(&mut self, key: &DataKey, platform: &str, handle: &str, target: Target) {
        let Some(platform) = Platform::parse(platform) else {
            return;
        };
        let hash = key.handle_hash(platform, handle);
        self.by_handle
            .entry(hash)
            .or_default()
            .push((target, matched_by(platform)));
    }

    /// Whom a contact is, and by what (the e-mail address first; a target once).
    pub fn matches(&self, contact: &ContactRow) -> Vec<(Target, MatchedBy)> {
        let mut found: Vec<(Target, MatchedBy)> = Vec::new();
        let mut add = |target: Target, by: MatchedBy| {
            if !found.iter().any(|(known, _)| *known == target) {
                found.push((target, by));
            }
        };
        if let Some(targets) = self.by_email.get(&contact.email_hash) {
            for target in targets {
                add(*target, MatchedBy::Email);
            }
        }
        let handles = [
            &contact.instagram_hash,
            &contact.tiktok_hash,
            &contact.youtube_hash,
        ];
        for hash in handles.into_iter().flatten() {
            if let Some(targets) = self.by_handle.get(hash) {
                for (target, by) in targets {
                    add(*target, *by);
                }
            }
        }
        found
    }
}

/// One person's hashes (a creator, an influencer), to look for among the contacts kept.
struct Probe {
    email: Option<String>,
    instagram: Vec<String>,
    tiktok: Vec<String>,
    youtube: Vec<String>,
}

impl Probe {
    /// The hashes of an address (normalised first) and of accounts' handle keys.
    fn new<'a>(
        key: &DataKey,
        email: Option<&str>,
        accounts: impl IntoIterator<Item = (Platform, &'a str)>,
    ) -> Self {
        let mut probe = Self {
            email: email
                .and_then(normalize_email)
                .map(|email| key.email_hash(&email)),
            instagram: Vec::new(),
            tiktok: Vec::new(),
            youtube: Vec::new(),
        };
        for (platform, handle_key) in accounts {
            let hash = key.handle_hash(platform, handle_key);
            match platform {
                Platform::Instagram => probe.instagram.push(hash),
                Platform::Tiktok => probe.tiktok.push(hash),
                Platform::Youtube => probe.youtube.push(hash),
            }
        }
        probe
    }

    /// The contacts kept (of every team) that hold one of the hashes.
    fn contacts(&self, conn: &mut DbConnection) -> ApiResult<Vec<ContactRow>> {
        Ok(sources::contacts_matching(
            conn,
            self.email.as_deref(),
            &self.instagram,
            &self.tiktok,
            &self.youtube,
        )?)
    }

    /// What of a found contact matched (the address first).
    fn matched_by(&self, contact: &ContactRow) -> MatchedBy {
        let holds = |hash: &Option<String>, list: &[String]| {
            hash.as_ref().is_some_and(|h| list.contains(h))
        };
        if self.email.as_deref() == Some(contact.email_hash.as_str()) {
            MatchedBy::Email
        } else if holds(&contact.instagram_hash, &self.instagram) {
            MatchedBy::Instagram
        } else if holds(&contact.tiktok_hash, &self.tiktok) {
            MatchedBy::Tiktok
        } else {
            MatchedBy::Youtube
        }
    }
}

/// Looks for a creator (new, or changed) among every team's contacts, by their address and
/// handles; records the new matches and tells each team concerned. A hidden creator is not
/// looked for. Answers how many matches were new.
pub fn match_creator(
    conn: &mut DbConnection,
    creator: CreatorId,
    key: &DataKey,
    now: chrono::NaiveDateTime,
) -> ApiResult<usize> {
    use std::collections::HashSet;

    use rapport_domain::notifications::NotificationKind;
    use rapport_store::sources::MatchRow;
    use rapport_store::{creators, new_id, users};

    use crate::notifications::notify::{self, Event};

    let Some(row) = creators::find(conn, creator)? else {
        return Ok(0);
    };
    if !row.discoverable {
        return Ok(0);
    }
    let stored = creators::load(conn, row)?;
    let email = users::find(conn, stored.row.user_id)?.map(|user| user.email);
    let probe = Probe::new(
        key,
        email.as_deref(),
        stored
            .accounts
            .iter()
            .map(|account| (account.platform, account.handle_key.as_str())),
    );
    let found = probe.contacts(conn)?;
    let mut new_by_team: HashMap<TeamId, usize> = HashMap::new();
    let mut touched = HashSet::new();
    for contact in found {
        if sources::has_creator_match(conn, contact.source_id, &contact.email_hash, creator)? {
            continue;
        }
        let by = probe.matched_by(&contact);
        sources::insert_matches(
            conn,
            &[MatchRow {
                id: new_id(),
                team_id: contact.team_id,
                source_id: contact.source_id,
                email_hash: contact.email_hash.clone(),
                creator_id: Some(creator),
                influencer_id: None,
                matched_by: by.as_str().to_owned(),
                detail: contact.detail.clone(),
                dismissed: false,
                created_at: now,
                link: None,
            }],
        )?;
        touched.insert(contact.source_id);
        *new_by_team.entry(contact.team_id).or_default() += 1;
    }
    for source in touched {
        sources::recount_matches(conn, source)?;
    }
    let name = stored.row.display_name.clone();
    for team in new_by_team.keys() {
        let text = format!("{name} is in your data sources");
        notify::team(
            conn,
            &Event {
                kind: NotificationKind::SourceMatch,
                text: &text,
                team: *team,
                creator: Some(creator),
                invite: None,
                conversation: None,
            },
            now,
        )?;
    }
    Ok(new_by_team.values().sum())
}

/// Looks for one of a team's influencers (a new account, a new address) among the team's
/// contacts; records the new matches. Answers how many were new.
pub fn match_influencer(
    conn: &mut DbConnection,
    influencer: InfluencerId,
    key: &DataKey,
    now: chrono::NaiveDateTime,
) -> ApiResult<usize> {
    use std::collections::HashSet;

    use rapport_store::influencers;
    use rapport_store::new_id;
    use rapport_store::sources::MatchRow;

    let Some(row) = influencers::find(conn, influencer)? else {
        return Ok(0);
    };
    let accounts = influencers::accounts_of(conn, influencer)?;
    let probe = Probe::new(
        key,
        row.email.as_deref(),
        accounts
            .iter()
            .map(|account| (account.platform, account.handle_key.as_str())),
    );
    let found = probe.contacts(conn)?;
    let mut touched = HashSet::new();
    let mut new = 0;
    for contact in found.into_iter().filter(|c| c.team_id == row.team_id) {
        if sources::has_influencer_match(conn, contact.source_id, &contact.email_hash, influencer)?
        {
            continue;
        }
        let by = probe.matched_by(&contact);
        sources::insert_matches(
            conn,
            &[MatchRow {
                id: new_id(),
                team_id: contact.team_id,
                source_id: contact.source_id,
                email_hash: contact.email_hash.clone(),
                creator_id: None,
                influencer_id: Some(influencer),
                matched_by: by.as_str().to_owned(),
                detail: contact.detail.clone(),
                dismissed: false,
                created_at: now,
                link: None,
            }],
        )?;
        touched.insert(contact.source_id);
        new += 1;
    }
    for source in touched {
        sources::recount_matches(conn, source)?;
    }
    Ok(new)
}
