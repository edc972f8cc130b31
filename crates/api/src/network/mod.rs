//! The creator network's use cases: creators' own profiles, the network as brands see it, and a
//! team's favourites, exploring with filters, invitations, connections and notifications.

pub mod connections;
pub mod creators;
pub mod directory;
pub mod explore;
pub mod favourites;
pub mod invitations;
pub mod login_refresh;
pub mod lookups;
pub mod marks;
pub mod search_index;
pub mod verifications;
