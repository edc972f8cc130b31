//! The creator network's use cases: creators' own profiles, the network as brands see it, and a
//! team's favourites (next: exploring with filters, connections).

pub mod creators;
pub mod directory;
pub mod favourites;
