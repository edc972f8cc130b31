//! Unit tests of `teams`.

use super::*;

#[test]
fn roles_round_trip_their_stored_spelling() {
    for role in [Role::Owner, Role::Admin, Role::Member] {
        assert_eq!(Role::parse(role.as_str()), Some(role));
    }
    assert_eq!(Role::parse("root"), None);
}

#[test]
fn only_owners_manage_members_and_admins_manage_the_team() {
    assert!(Role::Owner.can_manage_members());
    assert!(!Role::Admin.can_manage_members());
    assert!(Role::Admin.can_manage_team());
    assert!(!Role::Member.can_manage_team());
}

#[test]
fn invites_default_to_member_and_normalise_the_address() {
    let invite: CreateInvite = serde_json::from_str(r#"{"email":" Sam@X.io "}"#).unwrap();
    let clean = invite.validate().unwrap();
    assert_eq!(clean.email, "sam@x.io");
    assert_eq!(clean.role, Role::Member);
    assert!(serde_json::from_str::<CreateInvite>(r#"{"email":"a@b.io","role":"owner"}"#).is_err());
}
