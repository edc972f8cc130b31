//! What integrators use besides the REST routes themselves: team API keys (made, listed,
//! revoked; and the middleware that signs their requests in, within their team, scope and
//! budget), and webhooks (endpoints, signed deliveries through the job queue).

pub mod api_keys;
pub mod key_auth;
pub mod webhook_delivery;
pub mod webhooks;
