//! The REST API under `/api/v1`, one module per endpoint group.

use utoipa_actix_web::service_config::ServiceConfig;

pub mod activity;
pub mod api_keys;
pub mod auth;
pub mod boards;
pub mod cards;
pub mod columns;
pub mod connection_invites;
pub mod connections;
pub mod content;
pub mod conversations;
pub mod creator;
pub mod dev_mailbox;
pub mod facebook_logins;
pub mod fallback;
pub mod favourites;
pub mod inbound;
pub mod influencers;
pub mod insights;
pub mod integrations;
pub mod invites;
pub mod labels;
pub mod list_sources;
pub mod me;
pub mod members;
pub mod network;
pub mod notes;
pub mod notifications;
pub mod reminders;
pub mod sources;
pub mod teams;
pub mod verifications;
pub mod web;
pub mod webhooks;

/// Registers every documented route; the OpenAPI document is collected from this same list.
pub fn configure(config: &mut ServiceConfig) {
    // Operators' probes live outside the API's base path.
    config
        .service(crate::operations::health::healthz)
        .service(crate::operations::health::readyz);
    config.service(
        utoipa_actix_web::scope("/api/v1")
            .service(auth::signup)
            .service(auth::login)
            .service(auth::refresh)
            .service(auth::logout)
            .service(me::get_me)
            .service(creator::get_creator)
            .service(creator::create_creator)
            .service(creator::update_creator)
            .service(creator::claim_account)
            .service(creator::release_account)
            .service(api_keys::create_api_key)
            .service(api_keys::list_api_keys)
            .service(api_keys::revoke_api_key)
            .service(webhooks::create_webhook)
            .service(webhooks::list_webhooks)
            .service(webhooks::delete_webhook)
            .service(webhooks::test_webhook)
            .service(webhooks::list_webhook_deliveries)
            .service(verifications::start_verification)
            .service(verifications::finish_verification)
            .service(verifications::update_creator_account)
            .service(verifications::forget_account_login)
            .service(network::explore_network)
            .service(network::get_network_creator)
            .service(favourites::list_favourites)
            .service(favourites::star_creator)
            .service(favourites::unstar_creator)
            .service(connection_invites::list_sent_invites)
            .service(connection_invites::send_connection_invite)
            .service(connection_invites::revoke_connection_invite)
            .service(connection_invites::list_received_invites)
            .service(connection_invites::accept_connection_invite)
            .service(connection_invites::decline_connection_invite)
            .service(connection_invites::get_connection_link)
            .service(connection_invites::follow_connection_link)
            .service(connections::list_team_connections)
            .service(connections::end_team_connection)
            .service(connections::list_creator_connections)
            .service(connections::end_creator_connection)
            .service(notifications::list_notifications)
            .service(notifications::mark_all_notifications_read)
            .service(notifications::mark_notification_read)
            .service(notifications::get_notification_settings)
            .service(notifications::set_notification_settings)
            .service(conversations::list_team_conversations)
            .service(conversations::open_team_conversation)
            .service(conversations::list_creator_conversations)
            .service(conversations::open_creator_conversation)
            .service(conversations::get_conversation)
            .service(conversations::list_messages)
            .service(conversations::send_message)
            .service(conversations::mark_conversation_read)
            .service(inbound::receive_email)
            .service(content::get_board_content)
            .service(content::set_board_hashtag)
            .service(content::add_board_post)
            .service(content::remove_board_post)
            .service(insights::get_insights)
            .service(insights::refresh_insights)
            .service(insights::get_account_history)
            .service(insights::set_account_stats)
            .service(integrations::get_integrations)
            .service(integrations::set_youtube_key)
            .service(integrations::remove_youtube_key)
            .service(sources::list_sources)
            .service(sources::upload_csv)
            .service(sources::import_influencer)
            .service(list_sources::check_list_key)
            .service(list_sources::connect_lists)
            .service(list_sources::sync_source)
            .service(list_sources::replace_source_key)
            .service(list_sources::update_source)
            .service(facebook_logins::start_facebook_login)
            .service(facebook_logins::finish_facebook_login)
            .service(facebook_logins::pick_facebook_page)
            .service(sources::disconnect_source)
            .service(sources::list_source_matches)
            .service(sources::dismiss_source_match)
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
            .service(dev_mailbox::list_mailbox)
            .service(dev_mailbox::reply_from_mailbox)
            .service(influencers::list_influencers)
            .service(influencers::create_influencer)
            .service(influencers::get_influencer)
            .service(influencers::update_influencer)
            .service(influencers::delete_influencer)
            .service(influencers::add_account)
            .service(influencers::remove_account)
            .service(activity::list_activity)
            .service(notes::list_notes)
            .service(notes::create_note)
            .service(notes::update_note)
            .service(notes::delete_note)
            .service(notes::comments::list_comments)
            .service(notes::comments::create_comment)
            .service(notes::comments::update_comment)
            .service(notes::comments::delete_comment)
            .service(reminders::list_reminders)
            .service(reminders::create_reminder)
            .service(reminders::update_reminder)
            .service(reminders::delete_reminder)
            .service(reminders::list_team_reminders)
            .service(boards::list_boards)
            .service(boards::create_board)
            .service(boards::get_board)
            .service(boards::update_board)
            .service(boards::delete_board)
            .service(columns::create_column)
            .service(columns::update_column)
            .service(columns::move_column)
            .service(columns::delete_column)
            .service(cards::add_card)
            .service(cards::add_cards)
            .service(cards::get_card)
            .service(cards::move_card)
            .service(cards::remove_card)
            .service(cards::apply_label)
            .service(cards::remove_label)
            .service(labels::list_labels)
            .service(labels::create_label)
            .service(labels::update_label)
            .service(labels::delete_label),
    );
}
