//! What integrators use besides the REST routes themselves: team API keys (made, listed,
//! revoked; and the middleware that signs their requests in, within their team, scope and
//! budget).

pub mod api_keys;
pub mod key_auth;
