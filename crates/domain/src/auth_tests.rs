//! Unit tests of `auth`.

use super::*;

fn signup(email: &str, password: &str, name: &str, team: Option<&str>) -> SignupRequest {
    SignupRequest {
        email: email.into(),
        password: password.into(),
        name: name.into(),
        team_name: team.map(Into::into),
        kind: AccountKind::Brand,
    }
}

#[test]
fn a_valid_signup_is_cleaned_and_gets_a_default_team_name() {
    let clean = signup(" Mia@Example.com", "0123456789", " Mia ", None)
        .validate()
        .unwrap();
    assert_eq!(clean.email, "mia@example.com");
    assert_eq!(clean.name, "Mia");
    assert_eq!(clean.team_name, "Mia's team");
}

#[test]
fn every_invalid_field_is_reported_at_once() {
    let errors = signup("nope", "short", "", Some("\0"))
        .validate()
        .unwrap_err();
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["email", "password", "name", "team_name"]);
}

#[test]
fn default_team_names_fit_the_limit() {
    let long = "n".repeat(USER_NAME_MAX);
    assert!(default_team_name(&long).chars().count() <= TEAM_NAME_MAX);
}

#[test]
fn a_creator_sign_up_names_no_team() {
    let mut request = signup("mia@example.com", "0123456789", "Mia", Some("Acme"));
    request.kind = AccountKind::Creator;
    let errors = request.validate().unwrap_err();
    assert_eq!(errors.0[0].field, "team_name");
    assert_eq!(errors.0[0].code, "not_for_creators");
    request.team_name = None;
    assert_eq!(request.validate().unwrap().kind, AccountKind::Creator);
}
