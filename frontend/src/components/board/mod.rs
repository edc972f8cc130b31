//! The board's parts, one component a file. They share the page's state through
//! `contexts::board` rather than props passed down.

pub mod add_column;
pub mod add_influencers;
pub mod card;
pub mod column;
pub mod column_header;
pub mod content;
pub mod delete_column;
pub mod filter;
pub mod label_editor;
pub mod labels_dialog;
pub mod mover;
pub mod screen;
pub mod toolbar;
pub mod undo;
