//! The REST API under `/api/v1`, one module per endpoint group.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod access;
pub mod auth;
pub mod dev_mailbox;
pub mod fallback;
pub mod invites;
pub mod me;
pub mod members;
pub mod teams;

/// Registers every documented route; the OpenAPI document is collected from this same list.
pub fn configure(config: &mut ServiceConfig) {
    config.service(
        utoipa_actix_web::scope("/api/v1")
            .service(auth::signup)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(me::get_me)
            .service(teams::list_teams)
            .service(teams::create_team)
            .service(teams::get_team)
            .service(teams::update_team)
            .service(members::list_members)
            .service(members::update_member)
            .service(members::remove_member)
            .service(invites::list_invites)
            .service(invites::create_invite)
            .service(invites::revoke_invite)
            .service(invites::get_invite)
            .service(invites::accept_invite)
            .service(dev_mailbox::list_mailbox),
    );
}
