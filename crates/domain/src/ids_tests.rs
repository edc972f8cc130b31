//! Unit tests of `ids`.

use super::*;

#[test]
fn ids_round_trip_through_json_as_plain_strings() {
    let id = TeamId(Uuid::nil());
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, "\"00000000-0000-0000-0000-000000000000\"");
    let back: TeamId = serde_json::from_str(&json).unwrap();
    assert_eq!(back, id);
}

#[test]
fn ids_parse_from_strings() {
    let id: UserId = "0190f3c4-7a1b-7cde-8f00-112233445566".parse().unwrap();
    assert_eq!(id.to_string(), "0190f3c4-7a1b-7cde-8f00-112233445566");
    assert!("not-a-uuid".parse::<UserId>().is_err());
}
