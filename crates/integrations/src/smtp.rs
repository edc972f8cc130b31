//! Outgoing mail over SMTP (lettre), with failures sorted into "try again later" and "never".

use rapport_domain::MailId;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// One mail to send.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// A globally unique id; becomes the `Message-ID`, so a resend after a crash is recognisable.
    pub id: MailId,
    /// Recipient address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// The sender's name, shown before the configured address.
    pub from_name: Option<String>,
    /// Where replies go.
    pub reply_to: Option<String>,
}

/// Why a mail was not sent.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// Worth retrying: the server was unreachable or answered 4xx.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Not worth retrying: the server refused with 5xx, or the mail itself is malformed.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// A configuration error.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// `RAPPORT_SMTP_URL` is not a URL lettre understands.
    #[error("invalid SMTP URL: {0}")]
    Url(String),
    /// `RAPPORT_MAIL_FROM` is not a mailbox.
    #[error("invalid sender address {0:?}")]
    From(String),
}

/// Sends mail through one SMTP server.
#[derive(Clone)]
pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    /// `url` is `smtp://[user:pass@]host[:port][?tls=required|opportunistic]` or `smtps://...`;
    /// `from` is a mailbox such as `Rapport <noreply@example.com>`.
    pub fn new(url: &str, from: &str, timeout: Duration) -> Result<Self, ConfigError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| ConfigError::Url(e.to_string()))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|_| ConfigError::From(from.to_owned()))?;
        Ok(Self { transport, from })
    }

    /// Sends one mail.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), SendError> {
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| SendError::Permanent(format!("bad recipient: {e}")))?;
        let from = match &mail.from_name {
            Some(name) => Mailbox::new(Some(name.clone()), self.from.email.clone()),
            None => self.from.clone(),
        };
        let mut builder = Message::builder().from(from).to(to);
        if let Some(reply_to) = &mail.reply_to {
            let reply_to: Mailbox = reply_to
                .parse()
                .map_err(|e| SendError::Permanent(format!("bad reply address: {e}")))?;
            builder = builder.reply_to(reply_to);
        }
        let message = builder
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{}@rapport>", mail.id)))
            .header(ContentType::TEXT_PLAIN)
            .body(mail.text.clone())
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(SendError::Permanent(error.to_string())),
            Err(error) => Err(SendError::Transient(error.to_string())),
        }
    }
}
