//! Matching: who among a source's contacts is somebody. The targets (the network's discoverable
//! creators and the team's influencers) are hashed with the server's data key the way contacts
//! are, by normalised e-mail address and by handle, so a contact kept only as hashes still finds
//! them; an e-mail address is normalised the same way for both (`rapport_domain::contacts`).

use std::collections::HashMap;

use rapport_domain::contacts::normalize_email;
use rapport_domain::profiles::Platform;
use rapport_domain::sources::MatchedBy;
use rapport_domain::sources::{contact_words, SourceKind};
use rapport_domain::{CreatorId, InfluencerId, TeamId};
use rapport_store::sources::{self, ContactRow, FoundContact};
use rapport_store::DbConnection;

use crate::data_key::{DataKey, KeyedHash};
use crate::error::ApiResult;

/// Somebody a contact can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// A creator of the network.
    Creator(CreatorId),
    /// One of the team's influencers.
    Influencer(InfluencerId),
}

/// The targets of one team, by hash: sorted lists, looked up by binary search (a third of the
/// memory of hash maps of lists: a network of 100,000 creators is some 300,000 hashes, held while
/// a list of a million contacts is matched).
#[derive(Debug, Default)]
pub struct Targets {
    by_email: Vec<(KeyedHash, Target)>,
    by_handle: Vec<(KeyedHash, Target, MatchedBy)>,
}

/// The entries of a list sorted by hash that have this hash.
fn having<'a, T>(sorted: &'a [T], hash: &KeyedHash, key: impl Fn(&T) -> &KeyedHash) -> &'a [T] {
    let start = sorted.partition_point(|entry| key(entry) < hash);
    let rest = sorted.get(start..).unwrap_or_default();
    let len = rest.partition_point(|entry| key(entry) == hash);
    rest.get(..len).unwrap_or_default()
}

/// A contact's hashes, to look for among the targets: its address's and its handles' (Instagram,
/// TikTok, YouTube).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactKeys {
    /// The normalised address's.
    pub email: KeyedHash,
    /// The handles' (Instagram, TikTok, YouTube), when it has them.
    pub handles: [Option<KeyedHash>; 3],
}

impl ContactKeys {
    /// A stored contact's (its hashes read from their text).
    pub fn of(contact: &ContactRow) -> Option<Self> {
        let handle = |hash: &Option<String>| hash.as_deref().and_then(KeyedHash::from_hex);
        Some(Self {
            email: KeyedHash::from_hex(&contact.email_hash)?,
            handles: [
                handle(&contact.instagram_hash),
                handle(&contact.tiktok_hash),
                handle(&contact.youtube_hash),
            ],
        })
    }
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
        targets.sort();
        Ok(targets)
    }

    /// Sorts what was added, for lookups. Stable: a hash's targets stay in the order added
    /// (creators first).
    fn sort(&mut self) {
        self.by_email.sort_by_key(|(hash, _)| *hash);
        self.by_handle.sort_by_key(|(hash, _, _)| *hash);
        self.by_email.shrink_to_fit();
        self.by_handle.shrink_to_fit();
    }

    fn add_email(&mut self, key: &DataKey, email: &str, target: Target) {
        // The same normalisation as contacts get (`rapport_domain::contacts::normalize_email`).
        let Some(email) = normalize_email(email) else {
            return;
        };
        self.by_email.push((key.keyed_email(&email), target));
    }

    fn add_handle(&mut self, key: &DataKey, platform: &str, handle: &str, target: Target) {
        let Some(platform) = Platform::parse(platform) else {
            return;
        };
        self.by_handle.push((
            key.keyed_handle(platform, handle),
            target,
            matched_by(platform),
        ));
    }

    /// Whom a stored contact is, and by what (see [`Self::matches_keys`]).
    pub fn matches(&self, contact: &ContactRow) -> Vec<(Target, MatchedBy)> {
        ContactKeys::of(contact)
            .map(|keys| self.matches_keys(&keys))
            .unwrap_or_default()
    }

    /// Whom a contact is, and by what (the e-mail address first; a target once).
    pub fn matches_keys(&self, contact: &ContactKeys) -> Vec<(Target, MatchedBy)> {
        let mut found: Vec<(Target, MatchedBy)> = Vec::new();
        let mut add = |target: Target, by: MatchedBy| {
            if !found.iter().any(|(known, _)| *known == target) {
                found.push((target, by));
            }
        };
        for (_, target) in having(&self.by_email, &contact.email, |(hash, _)| hash) {
            add(*target, MatchedBy::Email);
        }
        for hash in contact.handles.iter().flatten() {
            for (_, target, by) in having(&self.by_handle, hash, |(hash, _, _)| hash) {
                add(*target, *by);
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
    fn contacts(&self, conn: &mut DbConnection) -> ApiResult<Vec<FoundContact>> {
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

/// The words a match of a found contact shows ("in VIP customers.csv, line 1,234").
fn words(found: &FoundContact) -> String {
    match SourceKind::parse(&found.source_kind) {
        Some(kind) => contact_words(kind, &found.source_name, &found.contact.detail),
        None => found.contact.detail.clone(),
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
    for found in found {
        let words = words(&found);
        let team = found.team_id;
        let source = found.source_id;
        let contact = found.contact;
        if sources::has_creator_match(conn, source, &contact.email_hash, creator)? {
            continue;
        }
        let by = probe.matched_by(&contact);
        sources::insert_matches(
            conn,
            &[MatchRow {
                id: new_id(),
                team_id: team,
                source_id: source,
                email_hash: contact.email_hash.clone(),
                creator_id: Some(creator),
                influencer_id: None,
                matched_by: by.as_str().to_owned(),
                detail: words,
                dismissed: false,
                created_at: now,
                link: None,
            }],
        )?;
        touched.insert(source);
        *new_by_team.entry(team).or_default() += 1;
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
                influencer: None,
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
    for found in found.into_iter().filter(|c| c.team_id == row.team_id) {
        let words = words(&found);
        let source = found.source_id;
        let contact = found.contact;
        if sources::has_influencer_match(conn, source, &contact.email_hash, influencer)? {
            continue;
        }
        let by = probe.matched_by(&contact);
        sources::insert_matches(
            conn,
            &[MatchRow {
                id: new_id(),
                team_id: row.team_id,
                source_id: source,
                email_hash: contact.email_hash.clone(),
                creator_id: None,
                influencer_id: Some(influencer),
                matched_by: by.as_str().to_owned(),
                detail: words,
                dismissed: false,
                created_at: now,
                link: None,
            }],
        )?;
        touched.insert(source);
        new += 1;
    }
    for source in touched {
        sources::recount_matches(conn, source)?;
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use rapport_domain::profiles::Platform;
    use rapport_domain::sources::MatchedBy;
    use uuid::Uuid;

    use super::{ContactKeys, Target, Targets};
    use crate::data_key::DataKey;

    fn key() -> DataKey {
        DataKey::from_base64("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_contact_finds_every_target_of_its_address_and_handles_once() {
        let key = key();
        let ada = Target::Creator(Uuid::from_u128(1).into());
        let ada_here = Target::Influencer(Uuid::from_u128(2).into());
        let kai = Target::Creator(Uuid::from_u128(3).into());
        let mut targets = Targets::default();
        // Many others around them, so the lookups search.
        for n in 0..500u32 {
            let other = Target::Creator(Uuid::from_u128(1_000 + u128::from(n)).into());
            targets.add_email(&key, &format!("fan{n}@example.com"), other);
        }
        targets.add_email(&key, " Ada@Example.com ", ada);
        targets.add_email(&key, "ada@example.com", ada_here);
        targets.add_handle(&key, "instagram", "kai.runs", kai);
        targets.add_handle(&key, "tiktok", "ada", ada);
        targets.sort();

        let contact = ContactKeys {
            email: key.keyed_email("ada@example.com"),
            handles: [
                Some(key.keyed_handle(Platform::Instagram, "kai.runs")),
                Some(key.keyed_handle(Platform::Tiktok, "ada")),
                None,
            ],
        };
        assert_eq!(
            targets.matches_keys(&contact),
            [
                (ada, MatchedBy::Email),
                (ada_here, MatchedBy::Email),
                (kai, MatchedBy::Instagram),
            ]
        );
        let stranger = ContactKeys {
            email: key.keyed_email("nobody@example.com"),
            handles: [
                None,
                Some(key.keyed_handle(Platform::Instagram, "ada")),
                None,
            ],
        };
        assert!(targets.matches_keys(&stranger).is_empty());
    }
}
