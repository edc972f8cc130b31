//! What a platform's login (OAuth 2) sent the browser back with, read from the return page's
//! query: a code and its state to hand to the server, or the platform's refusal and its words.
//! The creator's verification (`/creator/verify`) and a brand's Facebook login
//! (`/sources/facebook`) read it alike.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What the platform sent the browser back with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthReturn {
    /// The person declined (`error=access_denied`) or the platform could not go on; its words.
    Cancelled {
        /// Whether the person declined (rather than the platform failing).
        denied: bool,
        /// The platform's `error_description`, when it gave one.
        description: Option<String>,
    },
    /// A code to hand to the server, with the login's `state`.
    Code {
        /// The authorization code.
        code: String,
        /// The state the server handed out when the login started.
        state: String,
    },
    /// Nothing: the page was opened by hand.
    Nothing,
}

impl OAuthReturn {
    /// Reads `code` and `state`, or `error` and `error_description` (blank values are absent).
    pub fn read(
        code: Option<String>,
        state: Option<String>,
        error: Option<String>,
        description: Option<String>,
    ) -> Self {
        let present = |value: Option<String>| value.filter(|v| !v.trim().is_empty());
        if let Some(error) = present(error) {
            return Self::Cancelled {
                denied: error == "access_denied",
                description: present(description),
            };
        }
        match (present(code), present(state)) {
            (Some(code), Some(state)) => Self::Code { code, state },
            _ => Self::Nothing,
        }
    }

    /// What the current page's query holds (read once: the page does not change it).
    pub fn from_query() -> Self {
        use_query_map().with_untracked(|query| {
            Self::read(
                query.get("code"),
                query.get("state"),
                query.get("error"),
                query.get("error_description"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::OAuthReturn;

    fn some(value: &str) -> Option<String> {
        Some(value.to_owned())
    }

    #[test]
    fn what_the_platform_sent_back_is_read() {
        assert_eq!(
            OAuthReturn::read(some("good-code"), some("s1"), None, None),
            OAuthReturn::Code {
                code: "good-code".to_owned(),
                state: "s1".to_owned()
            }
        );
        assert_eq!(
            OAuthReturn::read(
                None,
                some("s1"),
                some("access_denied"),
                some("The user denied")
            ),
            OAuthReturn::Cancelled {
                denied: true,
                description: some("The user denied")
            }
        );
        assert_eq!(
            OAuthReturn::read(some("c"), some("s"), some("server_error"), some(" ")),
            OAuthReturn::Cancelled {
                denied: false,
                description: None
            }
        );
        assert_eq!(
            OAuthReturn::read(some("c"), None, None, None),
            OAuthReturn::Nothing
        );
        assert_eq!(
            OAuthReturn::read(some(" "), some("s"), None, None),
            OAuthReturn::Nothing
        );
        assert_eq!(
            OAuthReturn::read(some(""), some("s"), None, None),
            OAuthReturn::Nothing
        );
    }
}
