//! Requests no route took: 405 with `Allow` when the path exists with other methods, else 404.

use actix_web::dev::ResourceDef;
use actix_web::http::Method;
use actix_web::web::Data;
use actix_web::HttpRequest;
use utoipa::openapi::OpenApi;

use crate::error::ApiError;
use crate::routes::web::WebApp;

/// Every documented path with its methods.
pub struct RouteTable {
    routes: Vec<(ResourceDef, Vec<Method>)>,
}

impl RouteTable {
    /// Built from the OpenAPI document, which lists exactly the routes the server runs.
    pub fn from_spec(spec: &OpenApi) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let operations = [
                    (Method::GET, item.get.is_some()),
                    (Method::POST, item.post.is_some()),
                    (Method::PUT, item.put.is_some()),
                    (Method::PATCH, item.patch.is_some()),
                    (Method::DELETE, item.delete.is_some()),
                ];
                let methods = operations
                    .into_iter()
                    .filter_map(|(method, present)| present.then_some(method))
                    .collect();
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        Self { routes }
    }

    /// The methods a path accepts, if it is a known path.
    pub fn allowed(&self, path: &str) -> Option<&[Method]> {
        self.routes
            .iter()
            .find(|(def, _)| def.is_match(path))
            .map(|(_, methods)| methods.as_slice())
    }
}

/// The default service.
/// Outside `/api`, GET answers the web app's `index.html` (its router takes it from there).
pub async fn fallback(
    req: HttpRequest,
    table: Data<RouteTable>,
    web_app: Data<Option<WebApp>>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let page =
        matches!(*req.method(), Method::GET | Method::HEAD) && !req.path().starts_with("/api/");
    if page {
        match web_app.as_ref() {
            Some(app) => return Ok(app.index()),
            None if req.path() == "/" => {
                return Ok(actix_web::HttpResponse::Found()
                    .insert_header(("Location", "/api/docs/"))
                    .finish())
            }
            None => {}
        }
    }
    Err(match table.allowed(req.path()) {
        Some(methods) => ApiError::method_not_allowed(
            methods
                .iter()
                .map(Method::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        None => ApiError::not_found("resource"),
    })
}
