//! Security headers. Every answer says `X-Content-Type-Options: nosniff` (and
//! `Strict-Transport-Security` when the server is reached over HTTPS); the web app's answers (all
//! but `/api/...`) also carry a Content-Security-Policy that lets the page run only its own
//! scripts and WebAssembly (nothing inline, nothing from elsewhere), and refuse framing and
//! referrer leaks. The API's JSON gets a policy that allows nothing at all; the API docs page
//! (Swagger UI, its own assets) keeps its own.

use std::rc::Rc;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// The web app's policy. `'wasm-unsafe-eval'` lets the page compile its own WebAssembly
/// (scripts still come only from this origin, none inline); images may come from the platforms'
/// CDNs (avatars and post thumbnails are their https URLs); `connect-src 'self'` covers the API
/// and the same-origin WebSocket. Styles: the stylesheet only, no inline `<style>` nor `style`
/// attribute (the app sets its few computed styles through the CSSOM, which the policy allows).
pub const APP_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The API's policy: JSON is never a document to render.
pub const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";

/// A year, the usual `max-age` of `Strict-Transport-Security`.
pub const DEFAULT_HSTS_MAX_AGE: u64 = 31_536_000;

/// Which headers this server adds.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    hsts: Option<HeaderValue>,
}

impl SecurityHeaders {
    /// `Strict-Transport-Security` is sent only when people reach the server over HTTPS (its
    /// public URL says so) and `hsts_max_age` is not 0; over plain HTTP browsers ignore it, and a
    /// server not behind TLS must not promise it.
    pub fn new(public_url: &str, hsts_max_age: u64) -> Self {
        let https = public_url
            .get(..8)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"));
        let hsts = (https && hsts_max_age > 0)
            .then(|| HeaderValue::from_str(&format!("max-age={hsts_max_age}")).ok())
            .flatten();
        Self { hsts }
    }

    /// Adds the headers an answer to `path` lacks (a handler's own choice stands).
    pub fn apply(&self, path: &str, headers: &mut HeaderMap) {
        let mut add = |name: HeaderName, value: HeaderValue| {
            if !headers.contains_key(&name) {
                headers.insert(name, value);
            }
        };
        add(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        if let Some(hsts) = &self.hsts {
            add(header::STRICT_TRANSPORT_SECURITY, hsts.clone());
        }
        let policy = if path == "/api/docs" || path.starts_with("/api/docs/") {
            return;
        } else if path.starts_with("/api/") {
            API_POLICY
        } else {
            APP_POLICY
        };
        add(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
        add(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        add(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        );
    }
}

/// The middleware: `headers` decides, for every answer.
pub async fn security_headers(
    headers: Rc<SecurityHeaders>,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let mut res = next.call(req).await?;
    headers.apply(&path, res.headers_mut());
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(headers: &SecurityHeaders, path: &str) -> HeaderMap {
        let mut map = HeaderMap::new();
        headers.apply(path, &mut map);
        map
    }

    #[test]
    fn the_web_app_gets_the_strict_policy_and_the_api_nosniff() {
        let plain = SecurityHeaders::new("http://127.0.0.1:8080", DEFAULT_HSTS_MAX_AGE);
        let page = answer(&plain, "/boards/1");
        assert_eq!(page.get("content-security-policy").unwrap(), APP_POLICY);
        assert_eq!(page.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(page.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(
            page.get("referrer-policy").unwrap(),
            "strict-origin-when-cross-origin"
        );
        assert!(!page.contains_key("strict-transport-security"));
        let api = answer(&plain, "/api/v1/me");
        assert_eq!(api.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(api.get("content-security-policy").unwrap(), API_POLICY);
        let docs = answer(&plain, "/api/docs/index.html");
        assert_eq!(docs.get("x-content-type-options").unwrap(), "nosniff");
        assert!(!docs.contains_key("content-security-policy"));
    }

    #[test]
    fn hsts_only_behind_https_and_not_when_turned_off() {
        let tls = SecurityHeaders::new("HTTPS://rapport.example.com", 600);
        assert_eq!(
            answer(&tls, "/").get("strict-transport-security").unwrap(),
            "max-age=600"
        );
        assert_eq!(
            answer(&tls, "/api/v1/me")
                .get("strict-transport-security")
                .unwrap(),
            "max-age=600"
        );
        let off = SecurityHeaders::new("https://rapport.example.com", 0);
        assert!(!answer(&off, "/").contains_key("strict-transport-security"));
    }

    #[test]
    fn the_policy_allows_nothing_inline() {
        assert!(!APP_POLICY.contains("unsafe-inline"));
        assert!(APP_POLICY.contains("frame-ancestors 'none'"));
    }
}
