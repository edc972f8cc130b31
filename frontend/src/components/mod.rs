//! Pieces of the screens: `board/` and `influencer/` hold one component a file; the dialog, the
//! menu and the name input are shared by both.

pub mod api_keys;
pub mod board;
pub mod chat;
pub mod clipboard;
pub mod creator_card;
pub mod dialog;
pub mod errors;
pub mod influencer;
pub mod integrations;
pub mod menu;
pub mod name_input;
pub mod nav;
pub mod notification_settings;
pub mod platform_select;
pub mod verified;
pub mod webhooks;
