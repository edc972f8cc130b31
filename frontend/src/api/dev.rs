//! The dev mailbox (dev mode only): `/dev/mailbox` and `/dev/mailbox/{mail_id}/reply`.

use gloo_net::http::Method;
use rapport_domain::mail::Mail;
use rapport_domain::messages::InboundResult;
use rapport_domain::page::Page;
use rapport_domain::MailId;
use serde::Serialize;

use super::{public, ApiError};

#[derive(Serialize)]
struct Reply<'a> {
    text: &'a str,
}

/// `GET /dev/mailbox`: the newest mails.
pub async fn mailbox() -> Result<Page<Mail>, ApiError> {
    public::<(), _>(Method::GET, "/dev/mailbox?limit=100", None).await
}

/// `POST /dev/mailbox/{mail_id}/reply`: answer as the recipient.
pub async fn reply(mail: MailId, text: &str) -> Result<InboundResult, ApiError> {
    public(
        Method::POST,
        &format!("/dev/mailbox/{mail}/reply"),
        Some(&Reply { text }),
    )
    .await
}
