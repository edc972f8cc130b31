//! The creator's own profile: what brands see in the network (name, bio, place, languages,
//! categories, discoverability), the platform accounts they claimed, and the accounts they
//! verified by logging in on the platform (`creator_verify`).

use leptos::prelude::*;
use rapport_domain::creators::{Category, ClaimAccount, CreatorProfile, UpdateCreatorProfile};
use rapport_domain::profiles::Platform;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};
use crate::components::platform_select::PlatformSelect;
use crate::components::verified::VerifiedMark;
use crate::format::compact;
use crate::pages::creator_verify::VerifiedAccounts;

/// The creator profile page.
#[component]
pub fn CreatorPage() -> impl IntoView {
    let refetch = Trigger::new();
    let profile = LocalResource::new(move || {
        refetch.track();
        api::creator::get_creator()
    });
    let error = RwSignal::new(None::<ApiError>);
    let become_creator = Action::new_local(Change::run);
    let start = move |_| {
        become_creator.dispatch_local(Change::new(async move {
            if report(error, api::creator::create_creator().await).is_some() {
                refetch.notify();
            }
        }));
    };
    view! {
        <section class="card creator-page">
            <h1>"Your creator profile"</h1>
            <ErrorMessage error=error/>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || profile.get().map(|result| match result {
                    Ok(profile) => view! { <ProfileForm profile=profile refetch=refetch/> }.into_any(),
                    Err(failed) if failed.status == 404 => view! {
                        <p>"You have no creator profile yet. With one, brands find you in the network and invite you to work with them."</p>
                        <button type="button" data-testid="creator-start" on:click=start>"Become a creator"</button>
                    }.into_any(),
                    Err(failed) => view! { <p class="error">{failed.message()}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ProfileForm(profile: CreatorProfile, refetch: Trigger) -> impl IntoView {
    let public = &profile.public;
    let name = RwSignal::new(public.display_name.clone());
    let bio = RwSignal::new(public.bio.clone().unwrap_or_default());
    let country = RwSignal::new(public.country.clone().unwrap_or_default());
    let city = RwSignal::new(public.city.clone().unwrap_or_default());
    let languages = RwSignal::new(public.languages.join(", "));
    let categories = RwSignal::new(public.categories.clone());
    let discoverable = RwSignal::new(profile.discoverable);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let save = Action::new_local(Change::run);
    let submit = move || {
        let optional = |s: String| Some((!s.trim().is_empty()).then_some(s));
        let request = UpdateCreatorProfile {
            display_name: Some(name.get_untracked()),
            bio: optional(bio.get_untracked()),
            country: optional(country.get_untracked()),
            city: optional(city.get_untracked()),
            languages: Some(
                languages
                    .get_untracked()
                    .split([',', ' '])
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            categories: Some(categories.get_untracked()),
            discoverable: Some(discoverable.get_untracked()),
        };
        saved.set(false);
        save.dispatch_local(Change::new(async move {
            if report(error, api::creator::update_creator(&request).await).is_some() {
                saved.set(true);
            }
        }));
    };
    let full = move || categories.with(|c| c.len() >= 5);
    view! {
        <form class="creator-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <label>"Name brands see"<input data-testid="creator-name" required maxlength="100" prop:value=name
                on:input=move |ev| name.set(event_target_value(&ev))/></label>
            <label>"About you"<textarea data-testid="creator-bio" rows="3" maxlength="1000" prop:value=bio
                on:input=move |ev| bio.set(event_target_value(&ev))></textarea></label>
            <div class="row">
                <label>"Country (ISO code, like FR)"<input data-testid="creator-country" maxlength="2" prop:value=country
                    on:input=move |ev| country.set(event_target_value(&ev))/></label>
                <label>"City"<input data-testid="creator-city" maxlength="100" prop:value=city
                    on:input=move |ev| city.set(event_target_value(&ev))/></label>
                <label>"Languages (codes, like fr, en)"<input data-testid="creator-languages" prop:value=languages
                    on:input=move |ev| languages.set(event_target_value(&ev))/></label>
            </div>
            <fieldset class="categories" data-testid="creator-categories">
                <legend>"What you make content about (up to 5)"</legend>
                {Category::ALL.iter().map(|category| {
                    let category = *category;
                    let on = move || categories.with(|c| c.contains(&category));
                    view! {
                        <label class="check">
                            <input type="checkbox" data-testid="creator-category" value=category.as_str()
                                prop:checked=on disabled=move || !on() && full()
                                on:change=move |ev| {
                                    let checked = event_target_checked(&ev);
                                    categories.update(|c| {
                                        c.retain(|x| *x != category);
                                        if checked {
                                            c.push(category);
                                        }
                                    });
                                }/>
                            {category.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <label class="check">
                <input type="checkbox" data-testid="creator-discoverable" prop:checked=discoverable
                    on:change=move |ev| discoverable.set(event_target_checked(&ev))/>
                "Brands can find me in the network"
            </label>
            <ErrorMessage error=error/>
            <div class="row">
                <button type="submit" data-testid="creator-save" disabled=move || save.pending().get()>"Save profile"</button>
                <Show when=move || saved.get()>
                    <span class="muted" role="status" data-testid="creator-saved">"Saved."</span>
                </Show>
            </div>
        </form>
        <Accounts profile=profile refetch=refetch/>
    }
}

#[component]
fn Accounts(profile: CreatorProfile, refetch: Trigger) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let platform = RwSignal::new(None::<Platform>);
    let followers = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let changes = Action::new_local(Change::run);
    let claim = move || {
        let typed = followers.get_untracked().replace([',', ' ', '.'], "");
        let request = ClaimAccount {
            profile: link.get_untracked(),
            platform: platform.get_untracked(),
            followers: typed.parse().ok(),
        };
        changes.dispatch_local(Change::new(async move {
            if report(error, api::creator::claim_account(&request).await).is_some() {
                refetch.notify();
            }
        }));
    };
    let verified = profile.public.accounts.clone();
    view! {
        <section class="creator-accounts">
            <h2>"Your accounts"</h2>
            {profile.public.accounts.is_empty().then(|| view! {
                <p class="muted" data-testid="creator-accounts-empty">"No accounts yet: brands filter by platform and followers, so add yours."</p>
            })}
            <ul class="posts">
                {profile.public.accounts.into_iter().map(|account| {
                    let id = account.id;
                    let figures = match (account.followers, account.self_reported) {
                        (Some(f), true) => format!(" · {} followers (your figure)", compact(f)),
                        (Some(f), false) => format!(" · {} followers", compact(f)),
                        (None, _) => String::new(),
                    };
                    view! {
                        <li data-testid="creator-account">
                            <a href=account.url.clone() target="_blank" rel="noopener">{format!("{} {}", account.platform.label(), account.handle)}</a>
                            {account.verified.then(|| view! { " "<VerifiedMark platform=account.platform/> })}
                            {figures}" "
                            <button type="button" class="link" data-testid="creator-account-remove" on:click=move |_| {
                                changes.dispatch_local(Change::new(async move {
                                    if report(error, api::creator::release_account(id).await).is_some() {
                                        refetch.notify();
                                    }
                                }));
                            }>"Remove"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); claim(); }>
                <input data-testid="creator-account-profile" required aria-label="Profile link or username"
                    placeholder="instagram.com/you, or a username" prop:value=link
                    on:input=move |ev| link.set(event_target_value(&ev))/>
                <PlatformSelect testid="creator-account-platform" placeholder="Platform (for a username)"
                    label="Platform of a username" chosen=platform/>
                <input data-testid="creator-account-followers" inputmode="numeric" aria-label="Followers (optional)"
                    placeholder="Followers (optional)" prop:value=followers
                    on:input=move |ev| followers.set(event_target_value(&ev))/>
                <button type="submit" data-testid="creator-account-add">"Add account"</button>
            </form>
            <ErrorMessage error=error/>
        </section>
        <VerifiedAccounts accounts=verified/>
    }
}
