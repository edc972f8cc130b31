//! State shared by the parts of a screen through `provide_context`/`use_context`, instead of
//! props passed down level after level.

pub mod board;
pub mod influencer;
