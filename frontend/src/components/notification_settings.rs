//! What a team member is sent by e-mail (in-app notifications always come): a checkbox per
//! setting, each saved on its own (a change names only its setting, so two toggles never undo
//! each other). The notifications page shows them all; the Data sources page shows its digest's.

use leptos::prelude::*;
use rapport_domain::notifications::{NotificationSettings, UpdateNotificationSettings};
use rapport_domain::TeamId;

use crate::api::{self, ApiError};
use crate::change::Change;
use crate::components::errors::{report, ErrorMessage};

/// One e-mail a member can keep or turn off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailSetting {
    /// A mail when a reminder assigned to them falls due.
    ReminderEmail,
    /// The daily digest of their overdue reminders.
    OverdueDigest,
    /// The daily digest of the creators the team's data sources turn up.
    MatchDigest,
}

impl MailSetting {
    /// Whether `settings` keep it on.
    fn of(self, settings: &NotificationSettings) -> bool {
        match self {
            Self::ReminderEmail => settings.reminder_email,
            Self::OverdueDigest => settings.overdue_digest,
            Self::MatchDigest => settings.match_digest,
        }
    }

    /// The change that turns it on or off.
    fn set(self, on: bool) -> UpdateNotificationSettings {
        let mut changes = UpdateNotificationSettings::default();
        match self {
            Self::ReminderEmail => changes.reminder_email = Some(on),
            Self::OverdueDigest => changes.overdue_digest = Some(on),
            Self::MatchDigest => changes.match_digest = Some(on),
        }
        changes
    }

    fn label(self) -> &'static str {
        match self {
            Self::ReminderEmail => " E-mail me when a reminder assigned to me falls due",
            Self::OverdueDigest => {
                " E-mail me a daily digest of my overdue reminders (only when there are some)"
            }
            Self::MatchDigest => {
                " E-mail me a daily digest of the creators found (at most one mail a day)"
            }
        }
    }

    fn test_id(self) -> &'static str {
        match self {
            Self::ReminderEmail => "reminder-email-toggle",
            Self::OverdueDigest => "overdue-digest-toggle",
            Self::MatchDigest => "digest-toggle",
        }
    }
}

/// Checkboxes for `settings`, the member's in `team`: read once, each saved when changed.
#[component]
pub fn MailToggles(team: TeamId, settings: Vec<MailSetting>) -> impl IntoView {
    let error = RwSignal::new(None::<ApiError>);
    let current = RwSignal::new(None::<NotificationSettings>);
    let loaded = LocalResource::new(move || api::notifications::settings(team));
    Effect::new(move |_| {
        if let Some(Ok(settings)) = loaded.get() {
            current.set(Some(settings));
        }
    });
    let saving = Action::new_local(Change::run);
    let toggle = move |setting: MailSetting, checked: bool| {
        error.set(None);
        saving.dispatch_local(Change::new(async move {
            let result = api::notifications::set_settings(team, &setting.set(checked)).await;
            if let Some(saved) = report(error, result) {
                current.try_set(Some(saved));
            } else {
                // Put the checkbox back as it is stored.
                current.try_update(|settings| {
                    if let Some(settings) = settings {
                        *settings = apply(*settings, setting, !checked);
                    }
                });
            }
        }));
    };
    view! {
        {settings.into_iter().map(|setting| view! {
            <label class="digest-toggle" data-testid=setting.test_id()>
                <input type="checkbox"
                    prop:checked=move || current.get().is_some_and(|settings| setting.of(&settings))
                    disabled=move || current.get().is_none() || saving.pending().get()
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        current.update(|settings| {
                            if let Some(settings) = settings {
                                *settings = apply(*settings, setting, checked);
                            }
                        });
                        toggle(setting, checked);
                    }/>
                {setting.label()}
            </label>
        }).collect_view()}
        <ErrorMessage error=error/>
    }
}

/// `settings` with `setting` turned on or off.
fn apply(
    mut settings: NotificationSettings,
    setting: MailSetting,
    on: bool,
) -> NotificationSettings {
    match setting {
        MailSetting::ReminderEmail => settings.reminder_email = on,
        MailSetting::OverdueDigest => settings.overdue_digest = on,
        MailSetting::MatchDigest => settings.match_digest = on,
    }
    settings
}
