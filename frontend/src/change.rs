//! Changes (mutations) run as leptos `Action`s: `pending()` while one is in flight, `version()`
//! counting them. Every action of the app is an `Action<Change, ()>`, whose input is the change's
//! work with its type erased: leptos's action code is then compiled once, where an
//! `Action<Request, Response>` per request type cost the wasm bundle about 12 KB gzipped, more
//! than its budget allows.
//!
//! ```ignore
//! let save = Action::new_local(Change::run);
//! save.dispatch_local(Change::new(async move { /* call the API, show the outcome */ }));
//! ```

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

/// The work of a change, boxed.
type Work = Pin<Box<dyn Future<Output = ()>>>;

/// One change: what one dispatch of an action runs.
pub struct Change(Cell<Option<Work>>);

impl Change {
    /// A change doing `work`.
    pub fn new(work: impl Future<Output = ()> + 'static) -> Self {
        Self(Cell::new(Some(Box::pin(work))))
    }

    /// The action's function: `Action::new_local(Change::run)`. A change runs once.
    pub fn run(&self) -> Work {
        self.0.take().unwrap_or_else(|| Box::pin(async {}))
    }
}
