//! Uploading a list on the Data sources page: its name and file, a progress bar, then its report.

use leptos::prelude::*;
use leptos_router::components::A;
use rapport_domain::sources::CsvImport;
use rapport_domain::TeamId;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

/// Uploading a list: name, file, a progress bar, then the report.
#[component]
pub(super) fn Upload(team: TeamId, refetch: Trigger) -> impl IntoView {
    let name = RwSignal::new("Customers".to_owned());
    let file = RwSignal::new_local(None::<web_sys::File>);
    let sent = RwSignal::new(None::<f64>);
    let error = RwSignal::new(None::<ApiError>);
    let imported = RwSignal::new(None::<CsvImport>);
    let uploading = Action::new_local(Change::run);
    let upload = move || {
        let Some(chosen) = file.get_untracked() else {
            error.set(Some(ApiError::local(
                422,
                "no_file",
                "Choose a CSV file first.",
            )));
            return;
        };
        let list = name.get_untracked();
        error.set(None);
        imported.set(None);
        sent.set(Some(0.0));
        uploading.dispatch_local(Change::new(async move {
            let progress = move |share: f64| {
                sent.try_set(Some(share));
            };
            let result = api::sources::upload_csv(team, &list, chosen, progress).await;
            sent.try_set(None);
            if let Some(done) = report(error, result) {
                imported.try_set(Some(done));
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="upload" data-testid="csv-upload">
            <h2>"Upload a list"</h2>
            <p class="muted">"Any CSV export works (Shopify, Mailchimp, Klaviyo, HubSpot, Excel): the e-mail column is found by itself; columns of Instagram, TikTok or YouTube handles help too. Only keyed fingerprints of the addresses are kept. A list does not update by itself: upload it again under the same name to replace it."</p>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); upload(); }>
                <label>"Name "
                    <input type="text" data-testid="csv-name" maxlength="100" prop:value=name
                        on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <input type="file" accept=".csv,.txt,text/csv" data-testid="csv-file"
                    on:change=move |ev| {
                        let chosen = ev
                            .target()
                            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                            .and_then(|input| input.files())
                            .and_then(|files| files.get(0));
                        file.set(chosen);
                    }/>
                <button type="submit" data-testid="csv-send" disabled=move || uploading.pending().get()>"Upload"</button>
            </form>
            {move || sent.get().map(|share| view! {
                <div class="progress" data-testid="csv-progress">
                    {if share < 1.0 {
                        view! { <progress max="1" value=share.to_string()></progress>" Uploading…" }.into_any()
                    } else {
                        view! { <progress></progress>" Reading and matching…" }.into_any()
                    }}
                </div>
            })}
            <ErrorMessage error=error/>
            {move || imported.get().map(|done| view! { <ImportReport report=done/> })}
        </section>
    }
}

#[component]
fn ImportReport(report: CsvImport) -> impl IntoView {
    let shown = report.first_invalid.len() as u64;
    view! {
        <div class="report" data-testid="csv-report">
            <p>
                <strong>{report.source.name.clone()}</strong>
                {format!(": {} read (e-mail column \u{201c}{}\u{201d}), {}, {}, {} invalid.",
                    plural(report.rows, "row"), report.email_column, plural(report.valid, "address"),
                    plural(report.duplicates, "duplicate"), report.invalid)}
            </p>
            <p data-testid="csv-matches">
                {format!("{} of them are creators or your influencers. ", report.matches)}
                <A href="/sources?tab=influencers">"See who"</A>
            </p>
            {(!report.first_invalid.is_empty()).then(|| view! {
                <details>
                    <summary>{if report.invalid > shown { format!("The first {shown} invalid rows") } else { "The invalid rows".to_owned() }}</summary>
                    <ul data-testid="csv-invalid">
                        {report.first_invalid.into_iter().map(|row| view! {
                            <li>{format!("Line {}: {}", row.line, row.reason)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </div>
    }
}

/// "1 row", "2 rows", "3 addresses".
fn plural(count: u64, one: &str) -> String {
    match (count, one.ends_with('s')) {
        (1, _) => format!("1 {one}"),
        (_, true) => format!("{count} {one}es"),
        _ => format!("{count} {one}s"),
    }
}
