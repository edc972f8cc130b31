//! Data sources: `/teams/{team_id}/sources[/csv]`, `/sources/{id}`,
//! `/teams/{team_id}/source-matches`, `/source-matches/{id}/dismiss`; Mailchimp and Klaviyo lists
//! (`/teams/{team_id}/sources/{provider}[/lists]`, `/sources/{id}/sync`, `/sources/{id}/key`);
//! influencers added by hand (`/teams/{team_id}/sources/manual`). An upload goes by
//! XMLHttpRequest, the one browser API that reports an upload's progress. (The daily digest's
//! setting is in `api::notifications`.)

use gloo_net::http::Method;
use leptos::prelude::*;
use rapport_domain::list_providers::{
    ConnectLists, ListProvider, ProviderKey, ProviderList, SourceUpdate,
};
use rapport_domain::sources::{CsvImport, Source, SourceMatch};
use rapport_domain::{Problem, SourceId, SourceMatchId, TeamId};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ProgressEvent, XmlHttpRequest};

use super::{encode_component, get, send_empty, send_json, ApiError, API};
use crate::session::SessionState;

/// The team's sources.
pub async fn list(team: TeamId) -> Result<Vec<Source>, ApiError> {
    get(&format!("/teams/{team}/sources")).await
}

/// The team's matches (the Influencers tab), of one source or all.
pub async fn matches(team: TeamId, source: Option<SourceId>) -> Result<Vec<SourceMatch>, ApiError> {
    let filter = source.map_or_else(String::new, |id| format!("?source_id={id}"));
    get(&format!("/teams/{team}/source-matches{filter}")).await
}

/// Disconnects a source.
pub async fn disconnect(id: SourceId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/sources/{id}")).await
}

/// The lists `key` reads at `provider` (checking the key): a refused key answers 422
/// `provider_key_refused`.
pub async fn provider_lists(
    team: TeamId,
    provider: ListProvider,
    key: &ProviderKey,
) -> Result<Vec<ProviderList>, ApiError> {
    let provider = provider.as_str();
    send_json(
        Method::POST,
        &format!("/teams/{team}/sources/{provider}/lists"),
        key,
    )
    .await
}

/// Connects lists of `provider`, a source each; their first sync is queued.
pub async fn connect_lists(
    team: TeamId,
    provider: ListProvider,
    request: &ConnectLists,
) -> Result<Vec<Source>, ApiError> {
    let provider = provider.as_str();
    send_json(
        Method::POST,
        &format!("/teams/{team}/sources/{provider}"),
        request,
    )
    .await
}

/// Syncs a source now.
pub async fn sync_now(id: SourceId) -> Result<Source, ApiError> {
    send_empty(Method::POST, &format!("/sources/{id}/sync")).await
}

/// Replaces a source's API key (checked at once).
pub async fn replace_key(id: SourceId, key: &ProviderKey) -> Result<Source, ApiError> {
    send_json(Method::PUT, &format!("/sources/{id}/key"), key).await
}

/// Changes a source's schedule.
pub async fn update(id: SourceId, request: &SourceUpdate) -> Result<Source, ApiError> {
    send_json(Method::PATCH, &format!("/sources/{id}"), request).await
}

/// Adds one influencer by hand (Instagram handle and e-mail address).
pub async fn import_influencer(
    team: TeamId,
    request: &rapport_domain::sources::ImportInfluencer,
) -> Result<rapport_domain::sources::ImportedInfluencer, ApiError> {
    send_json(
        Method::POST,
        &format!("/teams/{team}/sources/manual"),
        request,
    )
    .await
}

/// Dismisses a match.
pub async fn dismiss(id: SourceMatchId) -> Result<(), ApiError> {
    send_empty(Method::POST, &format!("/source-matches/{id}/dismiss")).await
}

/// Names an influencer (one just made from a creator's handle takes the creator's name).
pub async fn name_influencer(
    id: rapport_domain::InfluencerId,
    name: &str,
) -> Result<rapport_domain::influencers::Influencer, ApiError> {
    send_json(
        Method::PATCH,
        &format!("/influencers/{id}"),
        &serde_json::json!({ "display_name": name }),
    )
    .await
}

/// Sends `file` once with `token`, reporting the share sent (0 to 1); answers the status and
/// the body.
async fn post_file(
    url: &str,
    file: &web_sys::File,
    token: &str,
    progress: impl Fn(f64) + 'static,
) -> Result<(u16, String), ApiError> {
    let failed =
        |what: &str| ApiError::local(0, "network", format!("Cannot reach Rapport: {what}"));
    let request = XmlHttpRequest::new().map_err(|_| failed("no XMLHttpRequest"))?;
    request
        .open("POST", url)
        .map_err(|_| failed("the upload did not open"))?;
    let _ = request.set_request_header("Authorization", &format!("Bearer {token}"));
    let _ = request.set_request_header("Content-Type", "text/csv");
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
        if event.length_computable() && event.total() > 0.0 {
            progress(event.loaded() / event.total());
        }
    });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        let resolve_again = resolve.clone();
        let finished = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let broke = Closure::once_into_js(move || {
            let _ = resolve_again.call0(&wasm_bindgen::JsValue::NULL);
        });
        request.set_onload(Some(finished.unchecked_ref()));
        request.set_onerror(Some(broke.unchecked_ref()));
    });
    request
        .send_with_opt_blob(Some(file))
        .map_err(|_| failed("the upload did not start"))?;
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    drop(on_progress);
    let status = request.status().unwrap_or(0);
    if status == 0 {
        return Err(failed("the upload was cut off"));
    }
    Ok((
        status,
        request.response_text().ok().flatten().unwrap_or_default(),
    ))
}

/// Uploads a list as `name`, reporting the share sent; the session is refreshed once if its
/// access token expired.
pub async fn upload_csv(
    team: TeamId,
    name: &str,
    file: web_sys::File,
    progress: impl Fn(f64) + Clone + 'static,
) -> Result<CsvImport, ApiError> {
    let session = use_context::<SessionState>()
        .and_then(|s| s.stored.get_untracked())
        .ok_or_else(|| ApiError::local(401, "unauthorized", "Please sign in."))?;
    let url = format!(
        "{API}/teams/{team}/sources/csv?name={}",
        encode_component(name)
    );
    let (mut status, mut body) =
        post_file(&url, &file, &session.access_token, progress.clone()).await?;
    if status == 401 {
        // Any signed-in call refreshes the session; then once more with the new token.
        let _ = super::me::get_me().await;
        if let Some(fresh) = use_context::<SessionState>().and_then(|s| s.stored.get_untracked()) {
            (status, body) = post_file(&url, &file, &fresh.access_token, progress).await?;
        }
    }
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|e| ApiError::local(0, "network", e.to_string()))
    } else {
        Err(ApiError {
            status,
            problem: serde_json::from_str::<Problem>(&body).ok(),
        })
    }
}
