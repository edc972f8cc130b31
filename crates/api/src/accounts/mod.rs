//! The account side's use cases, one module per aggregate: sign-up, sessions (log-in, refresh-token
//! rotation, log-out), the signed-in user, teams, members and invitations. Like `crm`, each takes a
//! connection, the acting user (where there is one) and checked input, checks access, and changes
//! rows; work outside the database (password hashing, access tokens) stays with the caller and
//! comes in as values. Routes, the demo seed and tests call the same functions.

pub mod invites;
pub mod members;
pub mod sessions;
pub mod signup;
pub mod teams;
pub mod users;
