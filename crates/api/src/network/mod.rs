//! The creator network's use cases: creators' profiles (and, next, exploring the network,
//! favourites and connections).

pub mod creators;
