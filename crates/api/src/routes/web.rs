//! The web app's files: hashed assets under `/assets` (cached for a year), and `index.html` for
//! `/` and every client-side route (never cached, so a new build is picked up at once).

use std::path::{Path, PathBuf};

use actix_files::Files;
use actix_web::http::header::{self, ContentType};
use actix_web::web::Bytes;
use actix_web::{middleware::DefaultHeaders, web, HttpResponse};

/// The built app, if there is one.
#[derive(Clone)]
pub struct WebApp {
    assets: PathBuf,
    index: Bytes,
}

impl WebApp {
    /// Reads `index.html` from the build folder; `None` when the app was not built.
    pub fn load(dir: &Path) -> Option<Self> {
        let index = std::fs::read(dir.join("index.html")).ok()?;
        Some(Self {
            assets: dir.join("assets"),
            index: Bytes::from(index),
        })
    }

    /// Registers `/assets/*`, with long-lived cache headers (the names carry a content hash).
    pub fn configure(&self, config: &mut web::ServiceConfig) {
        config.service(
            web::scope("/assets")
                .wrap(
                    DefaultHeaders::new()
                        .add((header::CACHE_CONTROL, "public, max-age=31536000, immutable")),
                )
                .service(Files::new("", &self.assets)),
        );
    }

    /// `index.html`, for `/` and the app's own routes.
    pub fn index(&self) -> HttpResponse {
        HttpResponse::Ok()
            .content_type(ContentType::html())
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(self.index.clone())
    }
}
