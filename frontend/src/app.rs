//! The app: routes, and the session context. The screens most visits never open (signing in or
//! up, the team, an invitation, My reminders, an influencer's page, the creator side, the
//! network, favourites, connections, notifications, a mail's connection link, the data sources,
//! the page Facebook's login sends back to, the one a creator's platform login sends back to) are
//! `#[lazy]`: the build splits each into its own chunk of the web app, fetched the first time its
//! route is visited (`scripts/build-web.sh`), so the first load carries the boards and nothing
//! else.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::nav::Nav;
use crate::pages::auth::{Login, Signup};
use crate::pages::board::BoardPage;
use crate::pages::boards::BoardsPage;
use crate::pages::connect::ConnectPage;
use crate::pages::connections::ConnectionsPage;
use crate::pages::creator::CreatorPage;
use crate::pages::creator_invites::{CreatorConnectionsPage, CreatorInvitesPage};
use crate::pages::creator_verify::CreatorVerifyPage;
use crate::pages::dev_mailbox::DevMailboxPage;
use crate::pages::favourites::FavouritesPage;
use crate::pages::influencer::InfluencerPage;
use crate::pages::invite::InvitePage;
use crate::pages::messages::MessagesPage;
use crate::pages::network::NetworkPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::reminders::RemindersPage;
use crate::pages::sources::facebook_login::FacebookLoginPage;
use crate::pages::sources::SourcesPage;
use crate::pages::team::TeamPage;
use crate::session::SessionState;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let session = SessionState::load();
    provide_context(session);
    crate::live::provide_live(session);
    view! {
        <Router>
            <Nav/>
            <main class="page">
                <Routes fallback=|| view! { <p class="empty">"This page does not exist."</p> }>
                    <Route path=path!("/") view=BoardsPage/>
                    <Route path=path!("/login") view=|| on_demand(login_page())/>
                    <Route path=path!("/signup") view=|| on_demand(signup_page())/>
                    <Route path=path!("/boards/:id") view=BoardPage/>
                    <Route path=path!("/influencers/:id") view=|| on_demand(influencer_page())/>
                    <Route path=path!("/reminders") view=|| on_demand(reminders_page())/>
                    <Route path=path!("/team") view=|| on_demand(team_page())/>
                    <Route path=path!("/creator") view=|| on_demand(creator_page())/>
                    <Route path=path!("/invites/:token") view=|| on_demand(invite_page())/>
                    <Route path=path!("/network") view=|| on_demand(network_page())/>
                    <Route path=path!("/favourites") view=|| on_demand(favourites_page())/>
                    <Route path=path!("/connections") view=|| on_demand(connections_page())/>
                    <Route path=path!("/creator/invites") view=|| on_demand(creator_invites_page())/>
                    <Route path=path!("/creator/connections") view=|| on_demand(creator_connections_page())/>
                    <Route path=path!("/creator/verify") view=|| on_demand(creator_verify_page())/>
                    <Route path=path!("/notifications") view=|| on_demand(notifications_page())/>
                    <Route path=path!("/connect/:token") view=|| on_demand(connect_page())/>
                    <Route path=path!("/messages") view=|| on_demand(messages_page())/>
                    <Route path=path!("/dev/mailbox") view=|| on_demand(dev_mailbox_page())/>
                    <Route path=path!("/sources") view=|| on_demand(sources_page())/>
                    <Route path=path!("/sources/facebook") view=|| on_demand(facebook_login_page())/>
                    <Route path=path!("/messages/:id") view=|| on_demand(messages_page())/>
                </Routes>
            </main>
        </Router>
    }
}

/// A screen whose code arrives on first use: "Loading…" until it does.
pub fn on_demand(screen: impl Future<Output = AnyView> + Send + 'static) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {Suspend::new(screen)}
        </Suspense>
    }
}

#[lazy]
fn login_page() -> AnyView {
    view! { <Login/> }.into_any()
}

#[lazy]
fn signup_page() -> AnyView {
    view! { <Signup/> }.into_any()
}

#[lazy]
fn influencer_page() -> AnyView {
    view! { <InfluencerPage/> }.into_any()
}

#[lazy]
fn reminders_page() -> AnyView {
    view! { <RemindersPage/> }.into_any()
}

#[lazy]
fn team_page() -> AnyView {
    view! { <TeamPage/> }.into_any()
}

#[lazy]
fn creator_page() -> AnyView {
    view! { <CreatorPage/> }.into_any()
}

#[lazy]
fn invite_page() -> AnyView {
    view! { <InvitePage/> }.into_any()
}

#[lazy]
fn network_page() -> AnyView {
    view! { <NetworkPage/> }.into_any()
}

#[lazy]
fn favourites_page() -> AnyView {
    view! { <FavouritesPage/> }.into_any()
}

#[lazy]
fn connections_page() -> AnyView {
    view! { <ConnectionsPage/> }.into_any()
}

#[lazy]
fn creator_invites_page() -> AnyView {
    view! { <CreatorInvitesPage/> }.into_any()
}

#[lazy]
fn creator_connections_page() -> AnyView {
    view! { <CreatorConnectionsPage/> }.into_any()
}

#[lazy]
fn creator_verify_page() -> AnyView {
    view! { <CreatorVerifyPage/> }.into_any()
}

#[lazy]
fn notifications_page() -> AnyView {
    view! { <NotificationsPage/> }.into_any()
}

#[lazy]
fn connect_page() -> AnyView {
    view! { <ConnectPage/> }.into_any()
}

#[lazy]
fn messages_page() -> AnyView {
    view! { <MessagesPage/> }.into_any()
}

#[lazy]
fn dev_mailbox_page() -> AnyView {
    view! { <DevMailboxPage/> }.into_any()
}

#[lazy]
fn sources_page() -> AnyView {
    view! { <SourcesPage/> }.into_any()
}

#[lazy]
fn facebook_login_page() -> AnyView {
    view! { <FacebookLoginPage/> }.into_any()
}
