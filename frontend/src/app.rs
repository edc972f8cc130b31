//! The app: routes, and the session context.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::nav::Nav;
use crate::pages::auth::{Login, Signup};
use crate::pages::board::BoardPage;
use crate::pages::boards::BoardsPage;
use crate::pages::influencer::InfluencerPage;
use crate::pages::invite::InvitePage;
use crate::pages::reminders::RemindersPage;
use crate::pages::team::TeamPage;
use crate::session::SessionState;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    provide_context(SessionState::load());
    view! {
        <Router>
            <Nav/>
            <main class="page">
                <Routes fallback=|| view! { <p class="empty">"This page does not exist."</p> }>
                    <Route path=path!("/") view=BoardsPage/>
                    <Route path=path!("/login") view=Login/>
                    <Route path=path!("/signup") view=Signup/>
                    <Route path=path!("/boards/:id") view=BoardPage/>
                    <Route path=path!("/influencers/:id") view=InfluencerPage/>
                    <Route path=path!("/reminders") view=RemindersPage/>
                    <Route path=path!("/team") view=TeamPage/>
                    <Route path=path!("/invites/:token") view=InvitePage/>
                </Routes>
            </main>
        </Router>
    }
}
