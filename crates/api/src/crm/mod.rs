//! The CRM's use cases, one module per aggregate: boards, columns, cards, labels, influencers,
//! notes (and team comments), reminders. Each takes a connection, the acting user and checked
//! input, checks access, changes rows and records the change in the history. Routes, the demo
//! seed and tests call the same functions. Reminders notify through two jobs: `reminder_due`
//! (one per reminder, at its due time) and the daily `overdue_digest`.

pub mod board_cache;
pub mod board_view;
pub mod boards;
pub mod cards;
pub mod columns;
pub mod history;
pub mod influencers;
pub mod labels;
pub mod notes;
pub mod overdue_digest;
pub mod placement;
pub mod reminder_due;
pub mod reminders;
