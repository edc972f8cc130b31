//! Rapport's web app: a Leptos client-side app on the REST API, sharing its request and response
//! types with the server through `rapport-domain`.

pub mod api;
pub mod app;
pub mod board_state;
pub mod change;
pub mod chart;
pub mod components;
pub mod contexts;
pub mod format;
pub mod live;
pub mod oauth_return;
pub mod pages;
pub mod session;

/// Installs the panic hook and mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
