//! OpenAPI links, derived from the document's typed ids: from each operation that creates or
//! lists something to every operation that takes its id, so a client (and the contract run's
//! stateful phase) can follow real data from one call to the next.
//!
//! Every id has its own schema (`BoardId`, `CardId`, …), in responses, path parameters and
//! request bodies alike, so which value fills which parameter is read from the types rather than
//! kept by hand: a new operation gets its links when it is added.
//!
//! - **Sources** are `POST` and `PUT` operations answering a JSON object with an `id` (what they
//!   made or returned: its type is the *produced* id), and `GET` operations answering a page
//!   (`items`): the first item's `id`.
//! - **Targets** take the produced id in a path parameter or in a body field named `…_id`. Their
//!   other path parameters come from the source's answer (a field of the same type) or from the
//!   source's own path (`$request.path.…`); a target with a path parameter neither can fill gets
//!   no link. Body fields named `…_id` whose type the source's answer has are filled from it (the
//!   rest of the body is generated as usual).

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{ArrayItems, Schema};
use utoipa::openapi::{OpenApi, RefOr};

/// An id-typed value an answer holds: where (a JSON pointer) and of which id type.
#[derive(Debug, Clone, PartialEq)]
struct IdField {
    /// The property's name (`id`, `board_id`, …).
    name: String,
    /// JSON pointer into the answer's body.
    pointer: String,
    /// The id's schema name (`BoardId`).
    id_type: String,
    /// How good a match it is for a parameter of its type (lower is better); see [`IdField::rank`].
    depth: usize,
}

impl IdField {
    /// Preference among fields of one type for a parameter `name`: a top-level field of that name,
    /// the top-level `id`, any top-level field, then the same order within the first item of a
    /// list.
    fn rank(&self, name: &str) -> usize {
        let within = if self.name == name {
            0
        } else if self.name == "id" {
            1
        } else {
            2
        };
        self.depth * 3 + within
    }
}

/// What a source operation offers its targets.
struct Source {
    operation_id: String,
    /// Where it is in the document.
    path: String,
    method: &'static str,
    /// Its answer's id fields; the first is the produced one.
    produced: String,
    fields: Vec<IdField>,
    /// Its own path parameters: name → id type.
    path_params: Vec<(String, String)>,
    /// The 2xx statuses answering JSON.
    statuses: Vec<String>,
}

/// What a target operation takes.
struct Target {
    operation_id: String,
    path: Vec<(String, String)>,
    body: Vec<(String, String)>,
}

/// Adds the links to every source operation's successful answers in `json`, the serialized
/// `document`. (utoipa 5's `Link` serializes its fields in snake_case, `operation_id`, which the
/// OpenAPI schema refuses; so the links are written into the JSON.)
pub fn add_links(document: &OpenApi, json: &mut Value) {
    let schemas = document
        .components
        .as_ref()
        .map(|components| components.schemas.clone())
        .unwrap_or_default();
    let resolver = Resolver { schemas: &schemas };

    let mut sources = Vec::new();
    let mut targets = Vec::new();
    for (path, method, operation) in operations(document) {
        let Some(operation_id) = operation.operation_id.clone() else {
            continue;
        };
        let path_params = path_ids(operation, &resolver);
        if let Some(source) =
            resolver.source((path, method), operation, &operation_id, &path_params)
        {
            sources.push(source);
        }
        targets.push(Target {
            operation_id,
            path: path_params,
            body: resolver.body_ids(operation),
        });
    }

    for source in &sources {
        let mut links = Map::new();
        for target in &targets {
            if target.operation_id == source.operation_id {
                continue;
            }
            if let Some(link) = link(source, target) {
                links.insert(target.operation_id.clone(), link);
            }
        }
        if links.is_empty() {
            continue;
        }
        let responses = &mut json["paths"][&source.path][source.method]["responses"];
        for status in &source.statuses {
            if let Some(response) = responses.get_mut(status).and_then(Value::as_object_mut) {
                response.insert("links".to_owned(), Value::Object(links.clone()));
            }
        }
    }
}

/// The link from `source` to `target`, when the target takes the id the source produced and the
/// rest of its path can be filled.
fn link(source: &Source, target: &Target) -> Option<Value> {
    let takes_produced = target
        .path
        .iter()
        .chain(&target.body)
        .any(|(_, id_type)| *id_type == source.produced);
    if !takes_produced {
        return None;
    }
    let mut parameters = Map::new();
    let mut description = Vec::new();
    for (name, id_type) in &target.path {
        let value = if let Some(field) = best_field(&source.fields, name, id_type) {
            description.push(format!("`{name}` is the answer's `{}`", field.pointer));
            format!("$response.body#{}", field.pointer)
        } else if source
            .path_params
            .iter()
            .any(|(own, own_type)| own == name && own_type == id_type)
        {
            format!("$request.path.{name}")
        } else {
            return None;
        };
        parameters.insert(name.clone(), Value::String(value));
    }
    let mut body = Map::new();
    for (name, id_type) in &target.body {
        if let Some(field) = best_field(&source.fields, name, id_type) {
            description.push(format!(
                "the body's `{name}` is the answer's `{}`",
                field.pointer
            ));
            body.insert(
                name.clone(),
                Value::String(format!("$response.body#{}", field.pointer)),
            );
        }
    }
    if description.is_empty() {
        // The produced id fills nothing (it matched only another parameter's type).
        return None;
    }
    let mut link = Map::new();
    link.insert(
        "operationId".to_owned(),
        Value::String(target.operation_id.clone()),
    );
    if !parameters.is_empty() {
        link.insert("parameters".to_owned(), Value::Object(parameters));
    }
    if !body.is_empty() {
        link.insert("requestBody".to_owned(), Value::Object(body));
    }
    link.insert(
        "description".to_owned(),
        Value::String(description.join("; ")),
    );
    Some(Value::Object(link))
}

fn best_field<'a>(fields: &'a [IdField], name: &str, id_type: &str) -> Option<&'a IdField> {
    fields
        .iter()
        .filter(|field| field.id_type == id_type)
        .min_by_key(|field| field.rank(name))
}

fn operations(document: &OpenApi) -> Vec<(&str, &'static str, &Operation)> {
    let mut found = Vec::new();
    for (path, item) in &document.paths.paths {
        let methods = [
            ("get", &item.get),
            ("post", &item.post),
            ("put", &item.put),
            ("patch", &item.patch),
            ("delete", &item.delete),
        ];
        for (method, operation) in methods {
            if let Some(operation) = operation {
                found.push((path.as_str(), method, operation));
            }
        }
    }
    found
}

/// The operation's path parameters that are ids: name → id type.
fn path_ids(operation: &Operation, resolver: &Resolver) -> Vec<(String, String)> {
    operation
        .parameters
        .iter()
        .flatten()
        .filter(|parameter| matches!(parameter.parameter_in, ParameterIn::Path))
        .filter_map(|parameter| {
            let id_type = resolver.id_type(parameter.schema.as_ref()?)?;
            Some((parameter.name.clone(), id_type))
        })
        .collect()
}

struct Resolver<'a> {
    schemas: &'a BTreeMap<String, RefOr<Schema>>,
}

impl Resolver<'_> {
    /// The id type a schema is (`BoardId`), directly or as the one non-null choice of a `oneOf`.
    fn id_type(&self, schema: &RefOr<Schema>) -> Option<String> {
        match schema {
            RefOr::Ref(reference) => {
                let name = reference.ref_location.rsplit('/').next()?;
                name.ends_with("Id").then(|| name.to_owned())
            }
            RefOr::T(Schema::OneOf(one_of)) => {
                let mut types = one_of.items.iter().filter_map(|item| self.id_type(item));
                let first = types.next()?;
                types.next().is_none().then_some(first)
            }
            RefOr::T(_) => None,
        }
    }

    /// The schema behind a reference (one level of `$ref`), or the schema itself.
    fn resolve<'s>(&'s self, schema: &'s RefOr<Schema>) -> Option<&'s Schema> {
        match schema {
            RefOr::T(schema) => Some(schema),
            RefOr::Ref(reference) => {
                let name = reference.ref_location.rsplit('/').next()?;
                match self.schemas.get(name)? {
                    RefOr::T(schema) => Some(schema),
                    RefOr::Ref(_) => None,
                }
            }
        }
    }

    /// An object's properties, also when it is made of several (`allOf`, serde's `flatten`), and
    /// those every choice of a `oneOf` has (so filling one suits whichever is generated).
    fn properties<'s>(&'s self, schema: &'s RefOr<Schema>) -> Vec<(&'s String, &'s RefOr<Schema>)> {
        match self.resolve(schema) {
            Some(Schema::Object(object)) => object.properties.iter().collect(),
            Some(Schema::AllOf(all_of)) => all_of
                .items
                .iter()
                .flat_map(|item| self.properties(item))
                .collect(),
            Some(Schema::OneOf(one_of)) => {
                let choices: Vec<_> = one_of
                    .items
                    .iter()
                    .map(|item| self.properties(item))
                    .collect();
                let Some((first, others)) = choices.split_first() else {
                    return Vec::new();
                };
                first
                    .iter()
                    .filter(|(name, _)| {
                        others
                            .iter()
                            .all(|choice| choice.iter().any(|(other, _)| other == name))
                    })
                    .copied()
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// An object's id properties, with pointers under `prefix`; the items of its arrays one level
    /// down (the first item's).
    fn id_fields(&self, schema: &RefOr<Schema>, prefix: &str, depth: usize) -> Vec<IdField> {
        let mut fields = Vec::new();
        for (name, property) in self.properties(schema) {
            let pointer = format!("{prefix}/{name}");
            if let Some(id_type) = self.id_type(property) {
                fields.push(IdField {
                    name: name.clone(),
                    pointer,
                    id_type,
                    depth,
                });
            } else if depth == 0 {
                if let Some(Schema::Array(array)) = self.resolve(property) {
                    if let ArrayItems::RefOrSchema(items) = &array.items {
                        fields.extend(self.id_fields(items, &format!("{pointer}/0"), 1));
                    }
                }
            }
        }
        fields
    }

    /// The operation as a source of links, if it produces an id.
    fn source(
        &self,
        (path, method): (&str, &'static str),
        operation: &Operation,
        operation_id: &str,
        path_params: &[(String, String)],
    ) -> Option<Source> {
        let mut statuses = Vec::new();
        let mut schema = None;
        for (status, response) in &operation.responses.responses {
            let RefOr::T(response) = response else {
                continue;
            };
            if !status.starts_with('2') {
                continue;
            }
            if let Some(found) = response
                .content
                .get("application/json")
                .and_then(|content| content.schema.as_ref())
            {
                statuses.push(status.clone());
                schema = Some(found);
            }
        }
        let fields = self.id_fields(schema?, "", 0);
        let produced = match method {
            "post" | "put" => fields.iter().find(|field| field.pointer == "/id"),
            "get" => fields.iter().find(|field| field.pointer == "/items/0/id"),
            _ => None,
        }?
        .id_type
        .clone();
        Some(Source {
            operation_id: operation_id.to_owned(),
            path: path.to_owned(),
            method,
            produced,
            fields,
            path_params: path_params.to_vec(),
            statuses,
        })
    }

    /// The request body's fields named `…_id` that are ids, when the body is a JSON object.
    fn body_ids(&self, operation: &Operation) -> Vec<(String, String)> {
        let Some(schema) = operation
            .request_body
            .as_ref()
            .and_then(|body| body.content.get("application/json"))
            .and_then(|content| content.schema.as_ref())
        else {
            return Vec::new();
        };
        self.properties(schema)
            .into_iter()
            .filter(|(name, _)| name.ends_with("_id"))
            .filter_map(|(name, property)| Some((name.clone(), self.id_type(property)?)))
            .collect()
    }
}

#[cfg(test)]
#[path = "openapi_links_tests.rs"]
mod tests;
